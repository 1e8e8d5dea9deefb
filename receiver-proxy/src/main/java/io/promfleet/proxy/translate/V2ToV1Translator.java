package io.promfleet.proxy.translate;

import com.google.protobuf.InvalidProtocolBufferException;
import io.promfleet.proxy.decode.MalformedRequestException;
import io.promfleet.proxy.decode.WireReader;
import io.promfleet.proxy.validate.LabelBytes;
import io.promfleet.proxy.validate.RejectedException;
import io.promfleet.proxy.validate.RequestStats;
import io.promfleet.proxy.validate.RequiredLabel;
import io.promfleet.proxy.validate.Rule;
import io.promfleet.proxy.validate.WriteRequestValidator;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/**
 * Rewrites an {@code io.prometheus.write.v2.Request} into a {@code prometheus.WriteRequest}, wire
 * bytes to wire bytes: no message objects, no Strings, into an output buffer the translator keeps.
 *
 * <p>Released Thanos Receive versions read only 1.0 and answer a 2.0 body with 200 while storing
 * nothing (2.0 spec, "Required Written Response Headers", describes exactly that failure). So 2.0 is
 * translated before relaying:
 * <ul>
 *   <li>symbols and label references become literal labels (spec "Symbols"), series by series, in order,
 *       so a series' index is the same on both sides;</li>
 *   <li>samples are rewritten as 1.0 samples; native histograms keep fields 1..16, which 1.0 numbers and
 *       types the same way, copied byte for byte; exemplars get literal labels;</li>
 *   <li>metadata becomes 1.0 {@code MetricMetadata}, one per metric family name, first one wins;</li>
 *   <li>rc.4 start timestamps ({@code Sample.start_timestamp}, {@code Histogram.start_timestamp}) have
 *       no 1.0 field and are dropped, as are fields neither version defines.</li>
 * </ul>
 * Structural 2.0 rules (symbol table, references, samples-or-histograms) are checked here. Given a
 * {@link WriteRequestValidator}, the translator also feeds it each series as it goes (labels as symbol
 * references), so the rules that check 1.0 requests check the 2.0 one in the same pass, and the 1.0
 * result needs no second validation. A structural fault anywhere in the request is reported before a
 * label rule broken by an earlier series.
 *
 * <p>Not thread-safe, and a {@link Translation} points into the translator's own buffer: it is valid
 * until the next {@link #translate} call. Each event loop owns one translator.
 */
public final class V2ToV1Translator {

    /** The translated 1.0 request ({@code buffer[0..length)}), counted in 2.0 terms for the Written headers. */
    public record Translation(byte[] buffer, int length, long samples, long histograms, long exemplars,
            RequestStats stats) {
    }

    // 2.0 field numbers (rc.4).
    private static final int REQUEST_SYMBOLS = 4;
    private static final int REQUEST_TIMESERIES = 5;
    private static final int SERIES_LABELS_REFS = 1;
    private static final int SERIES_SAMPLES = 2;
    private static final int SERIES_HISTOGRAMS = 3;
    private static final int SERIES_EXEMPLARS = 4;
    private static final int SERIES_METADATA = 5;
    // 1.0 field numbers.
    private static final int V1_TIMESERIES = 1;
    private static final int V1_METADATA = 3;
    private static final int V1_LABELS = 1;
    private static final int V1_SAMPLES = 2;
    private static final int V1_EXEMPLARS = 3;
    private static final int V1_HISTOGRAMS = 4;

    private static final byte[] METRIC_NAME_LABEL = "__name__".getBytes(StandardCharsets.US_ASCII);
    private static final int RETAINED_SYMBOLS = 1 << 16;

    /**
     * Histogram fields 1..16 and the wire types each may arrive in (bit {@code 1 << wireType}); repeated
     * scalars may be packed (length-delimited) or not. Identical in both versions, so they are copied.
     */
    private static final int[] HISTOGRAM_WIRE_TYPES = new int[17];

    static {
        int varint = 1 << WireReader.VARINT;
        int fixed64 = 1 << WireReader.FIXED64;
        int delimited = 1 << WireReader.LENGTH_DELIMITED;
        int[] byField = {0, varint, fixed64, fixed64, varint, fixed64, varint, fixed64, delimited,
            delimited | varint, delimited | fixed64, delimited, delimited | varint, delimited | fixed64,
            varint, varint, delimited | fixed64};
        System.arraycopy(byField, 0, HISTOGRAM_WIRE_TYPES, 0, byField.length);
    }

    private final WireReader reader = new WireReader();
    private final WireWriter out;

    private int[] symbolOff = new int[1024];
    private int[] symbolLen = new int[1024];
    private int symbolCount;
    private final BitSet metricNameSymbols = new BitSet(); // which symbols are "__name__"

    // Per series: label references not yet written (a trailing odd one waits for its partner).
    private int[] refs = new int[64];
    private int refCount;
    private int refsSeen;
    private int metricNameRef;

    // Metadata, one entry per metric family: written after the series, as 1.0 keeps it apart.
    private final BitSet familyRefsSeen = new BitSet();
    private final Set<String> familyNames = new HashSet<>();
    private int[] metadata = new int[64]; // type, family ref, help ref, unit ref
    private int metadataCount;

    private long samples;
    private long histograms;
    private long exemplars;
    private WriteRequestValidator validator; // for the current request, or null

    /** @param maxTranslatedBytes the largest 1.0 body a request may become (the decompressed-size limit) */
    public V2ToV1Translator(long maxTranslatedBytes) {
        this.out = new WireWriter(maxTranslatedBytes);
    }

    /** Translates, checking only the 2.0 structure; {@link Translation#stats()} is null. */
    public Translation translate(byte[] buf, int offset, int length) throws MalformedRequestException, RejectedException {
        return translate(buf, offset, length, null, null, 0);
    }

    /**
     * Translates and validates in one pass: the result is what {@code validator.validate} would have
     * accepted on the 1.0 bytes, with its {@link Translation#stats()}; a rejection is the one it would
     * have given.
     */
    public Translation translate(byte[] buf, int offset, int length, WriteRequestValidator validator,
            RequiredLabel required, long nowMillis) throws MalformedRequestException, RejectedException {
        this.validator = validator;
        try {
            return translateRequest(buf, offset, length, required, nowMillis);
        } finally {
            this.validator = null;
        }
    }

    private Translation translateRequest(byte[] buf, int offset, int length, RequiredLabel required, long nowMillis)
            throws MalformedRequestException, RejectedException {
        out.reset();
        symbolCount = 0;
        metadataCount = 0;
        RequestStats stats;
        familyRefsSeen.clear();
        familyNames.clear();
        samples = 0;
        histograms = 0;
        exemplars = 0;
        try {
            readSymbols(buf, offset, length);
            if (validator != null) {
                validator.beginTranslated(buf, symbolCount, required, nowMillis);
            }
            WireReader in = reader.reset(buf, offset, length);
            int series = 0;
            int tag;
            while ((tag = in.readTag()) != 0) {
                if (WireReader.fieldNumber(tag) != REQUEST_TIMESERIES) {
                    in.skipField(tag); // symbols were read above; reserved 1..3 make a 1.0 body read as empty
                    continue;
                }
                requireWireType(tag, WireReader.LENGTH_DELIMITED, "Request.timeseries");
                if (series == 0 && (symbolCount == 0 || symbolLen[0] != 0)) {
                    throw new RejectedException(Rule.SYMBOLS_FIRST_NOT_EMPTY, "rule " + Rule.SYMBOLS_FIRST_NOT_EMPTY.id()
                            + ": symbols[0] must be the empty string (spec \"Symbols\")");
                }
                int oldLimit = in.pushLimit(in.readLength());
                if (validator != null) {
                    validator.translatedSeriesStart();
                }
                translateSeries(buf, in, series);
                if (validator != null) {
                    validator.translatedSeriesEnd();
                }
                in.popLimit(oldLimit);
                series++;
            }
            writeMetadata(buf);
            out.checkLimit();
            stats = validator == null ? null : validator.finishTranslated();
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedRequestException("protobuf-invalid", "body is not a valid io.prometheus.write.v2.Request: "
                    + e.getMessage());
        } finally {
            if (symbolOff.length > RETAINED_SYMBOLS) {
                symbolOff = new int[1024];
                symbolLen = new int[1024];
            }
        }
        return new Translation(out.array(), out.length(), samples, histograms, exemplars, stats);
    }

    /** Symbols may come anywhere in the message (protobuf fields are unordered), so they are indexed first. */
    private void readSymbols(byte[] buf, int offset, int length) throws InvalidProtocolBufferException {
        metricNameSymbols.clear();
        WireReader in = reader.reset(buf, offset, length);
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (WireReader.fieldNumber(tag) != REQUEST_SYMBOLS) {
                in.skipField(tag);
                continue;
            }
            requireWireType(tag, WireReader.LENGTH_DELIMITED, "Request.symbols");
            int len = in.readLength();
            int at = in.position();
            in.skipBytes(len);
            if (symbolCount == symbolOff.length) {
                symbolOff = java.util.Arrays.copyOf(symbolOff, symbolCount * 2);
                symbolLen = java.util.Arrays.copyOf(symbolLen, symbolCount * 2);
            }
            symbolOff[symbolCount] = at;
            symbolLen[symbolCount] = len;
            if (isMetricNameLabel(buf, at, len)) {
                metricNameSymbols.set(symbolCount);
            }
            symbolCount++;
        }
    }

    private void translateSeries(byte[] b, WireReader in, int series)
            throws InvalidProtocolBufferException, MalformedRequestException, RejectedException {
        int mark = out.beginMessage(V1_TIMESERIES);
        refCount = 0;
        refsSeen = 0;
        metricNameRef = -1;
        int seriesSamples = 0;
        int seriesHistograms = 0;
        int seriesExemplars = 0;
        boolean hasMetadata = false;
        int type = 0;
        int helpRef = 0;
        int unitRef = 0;
        int tag;
        while ((tag = in.readTag()) != 0) {
            int field = WireReader.fieldNumber(tag);
            if (field == SERIES_LABELS_REFS) {
                if (refCount == 0 && WireReader.wireType(tag) == WireReader.LENGTH_DELIMITED) {
                    writePackedLabels(b, in, series);
                } else {
                    refsSeen += readRefs(in, tag, series, "labels_refs");
                }
                continue;
            }
            writePendingLabels(b);
            switch (field) {
                case SERIES_SAMPLES -> {
                    copySample(in, tag);
                    seriesSamples++;
                }
                case SERIES_HISTOGRAMS -> {
                    copyHistogram(b, in, tag);
                    seriesHistograms++;
                }
                case SERIES_EXEMPLARS -> {
                    copyExemplar(b, in, tag, series);
                    seriesExemplars++;
                }
                case SERIES_METADATA -> {
                    requireWireType(tag, WireReader.LENGTH_DELIMITED, "TimeSeries.metadata");
                    int oldLimit = in.pushLimit(in.readLength());
                    int inner;
                    while ((inner = in.readTag()) != 0) {
                        switch (WireReader.fieldNumber(inner)) {
                            case 1 -> type = readVarint32(in, inner, "Metadata.type");
                            case 3 -> helpRef = symbolRef(readVarint32(in, inner, "Metadata.help_ref"), series,
                                    "metadata help_ref");
                            case 4 -> unitRef = symbolRef(readVarint32(in, inner, "Metadata.unit_ref"), series,
                                    "metadata unit_ref");
                            default -> in.skipField(inner);
                        }
                    }
                    in.popLimit(oldLimit);
                    hasMetadata = true;
                }
                default -> in.skipField(tag);
            }
        }
        writePendingLabels(b);
        if (refCount != 0) {
            throw new RejectedException(Rule.LABELS_REFS_ODD, "series " + series + ": rule " + Rule.LABELS_REFS_ODD.id()
                    + ": labels_refs has " + refsSeen + " entries, an odd count cannot form name/value pairs");
        }
        if (seriesSamples > 0 && seriesHistograms > 0) {
            throw new RejectedException(Rule.SAMPLES_AND_HISTOGRAMS, "series " + series + ": rule "
                    + Rule.SAMPLES_AND_HISTOGRAMS.id() + ": a TimeSeries MUST NOT hold both samples and histograms");
        }
        out.endMessage(mark);
        samples += seriesSamples;
        histograms += seriesHistograms;
        exemplars += seriesExemplars;
        if (hasMetadata && (type != 0 || helpRef != 0 || unitRef != 0)) {
            rememberMetadata(b, type, helpRef, unitRef);
        }
    }

    /**
     * Appends label references to {@code refs}. {@code repeated uint32}: proto3 writes it packed, but a
     * parser must take both encodings.
     *
     * @return how many were read
     */
    private int readRefs(WireReader in, int tag, int series, String what)
            throws InvalidProtocolBufferException, RejectedException {
        int before = refCount;
        if (WireReader.wireType(tag) == WireReader.LENGTH_DELIMITED) {
            int oldLimit = in.pushLimit(in.readLength());
            while (!in.atEnd()) {
                addRef(symbolRef(in.readVarint32(), series, what));
            }
            in.popLimit(oldLimit);
        } else {
            addRef(symbolRef(readVarint32(in, tag, what), series, what));
        }
        return refCount - before;
    }

    private void addRef(int ref) {
        if (refCount == refs.length) {
            refs = java.util.Arrays.copyOf(refs, refCount * 2);
        }
        refs[refCount++] = ref;
    }

    /**
     * The common case, all references in one packed field: each pair is written as a label as soon as it
     * is read. A trailing odd reference is left pending, for an unpacked partner or the odd-count rule.
     */
    private void writePackedLabels(byte[] b, WireReader in, int series)
            throws InvalidProtocolBufferException, MalformedRequestException, RejectedException {
        int oldLimit = in.pushLimit(in.readLength());
        while (!in.atEnd()) {
            int name = symbolRef(in.readVarint32(), series, "labels_refs");
            refsSeen++;
            if (in.atEnd()) {
                addRef(name);
                break;
            }
            int value = symbolRef(in.readVarint32(), series, "labels_refs");
            refsSeen++;
            writeLabel(b, name, value);
        }
        in.popLimit(oldLimit);
    }

    private void writeLabel(byte[] b, int name, int value) throws MalformedRequestException {
        out.label(V1_LABELS, b, symbolOff[name], symbolLen[name], symbolOff[value], symbolLen[value]);
        if (validator != null) {
            validator.translatedLabel(name, symbolOff[name], symbolLen[name], value, symbolOff[value], symbolLen[value]);
        }
        if (metricNameSymbols.get(name)) {
            metricNameRef = value;
        }
    }

    /** Writes the complete name/value pairs read so far as 1.0 labels, in reference order. */
    private void writePendingLabels(byte[] b) throws MalformedRequestException {
        int pairs = refCount & ~1;
        for (int k = 0; k < pairs; k += 2) {
            writeLabel(b, refs[k], refs[k + 1]);
        }
        if (refCount > pairs) {
            refs[0] = refs[refCount - 1];
        }
        refCount -= pairs;
    }

    /** A 2.0 {@code Sample} (value, timestamp, start timestamp) becomes a 1.0 one (value, timestamp). */
    private void copySample(WireReader in, int tag) throws InvalidProtocolBufferException, MalformedRequestException {
        requireWireType(tag, WireReader.LENGTH_DELIMITED, "TimeSeries.samples");
        int oldLimit = in.pushLimit(in.readLength());
        long valueBits = 0;
        long timestamp = 0;
        int inner;
        while ((inner = in.readTag()) != 0) {
            switch (WireReader.fieldNumber(inner)) {
                case 1 -> {
                    requireWireType(inner, WireReader.FIXED64, "Sample.value");
                    valueBits = in.readFixed64();
                }
                case 2 -> {
                    requireWireType(inner, WireReader.VARINT, "Sample.timestamp");
                    timestamp = in.readVarint64();
                }
                default -> in.skipField(inner);
            }
        }
        in.popLimit(oldLimit);
        if (validator != null) {
            validator.translatedSample(timestamp);
        }
        int size = WireWriter.doubleFieldSize(valueBits) + WireWriter.int64FieldSize(timestamp);
        out.tag(V1_SAMPLES, WireReader.LENGTH_DELIMITED);
        out.varint32(size);
        out.doubleField(1, valueBits);
        out.int64Field(2, timestamp);
    }

    /**
     * Histogram fields 1..16 are copied as they are on the wire, after checking their wire type and the
     * structure of spans and packed buckets; the rc.4 start timestamp (17) and unknown fields are dropped.
     */
    private void copyHistogram(byte[] b, WireReader in, int tag)
            throws InvalidProtocolBufferException, MalformedRequestException {
        requireWireType(tag, WireReader.LENGTH_DELIMITED, "TimeSeries.histograms");
        int oldLimit = in.pushLimit(in.readLength());
        int mark = out.beginMessage(V1_HISTOGRAMS);
        long timestamp = 0;
        while (true) {
            int fieldStart = in.position();
            int inner = in.readTag();
            if (inner == 0) {
                break;
            }
            int field = WireReader.fieldNumber(inner);
            int wireType = WireReader.wireType(inner);
            if (field >= HISTOGRAM_WIRE_TYPES.length || HISTOGRAM_WIRE_TYPES[field] == 0) {
                in.skipField(inner);
                continue;
            }
            if ((HISTOGRAM_WIRE_TYPES[field] & (1 << wireType)) == 0) {
                throw new InvalidProtocolBufferException("Histogram field " + field + " has wire type " + wireType);
            }
            if (wireType == WireReader.LENGTH_DELIMITED) {
                checkHistogramPayload(in, field);
            } else if (field == 15) {
                timestamp = in.readVarint64(); // the last one counts, as when the 1.0 result is read
            } else {
                in.skipField(inner);
            }
            out.bytes(b, fieldStart, in.position() - fieldStart);
        }
        in.popLimit(oldLimit);
        out.endMessage(mark);
        if (validator != null) {
            validator.translatedHistogram(timestamp);
        }
    }

    /** Spans (8, 11) must be messages; packed deltas (9, 12) varints; packed doubles (10, 13, 16) whole. */
    private static void checkHistogramPayload(WireReader in, int field) throws InvalidProtocolBufferException {
        int length = in.readLength();
        int oldLimit = in.pushLimit(length);
        switch (field) {
            case 8, 11 -> {
                int tag;
                while ((tag = in.readTag()) != 0) {
                    in.skipField(tag);
                }
            }
            case 9, 12 -> {
                while (!in.atEnd()) {
                    in.readVarint64();
                }
            }
            default -> {
                if (length % 8 != 0) {
                    throw new InvalidProtocolBufferException("Histogram field " + field + " packs " + length
                            + " bytes, not a whole number of doubles");
                }
                in.skipBytes(length);
            }
        }
        in.popLimit(oldLimit);
    }

    private void copyExemplar(byte[] b, WireReader in, int tag, int series)
            throws InvalidProtocolBufferException, MalformedRequestException, RejectedException {
        requireWireType(tag, WireReader.LENGTH_DELIMITED, "TimeSeries.exemplars");
        int oldLimit = in.pushLimit(in.readLength());
        // The series' own pending references (at most one) stay at refs[0]; the exemplar's go after them.
        int first = refCount;
        long valueBits = 0;
        long timestamp = 0;
        int inner;
        while ((inner = in.readTag()) != 0) {
            switch (WireReader.fieldNumber(inner)) {
                case 1 -> readRefs(in, inner, series, "exemplar labels_refs");
                case 2 -> {
                    requireWireType(inner, WireReader.FIXED64, "Exemplar.value");
                    valueBits = in.readFixed64();
                }
                case 3 -> {
                    requireWireType(inner, WireReader.VARINT, "Exemplar.timestamp");
                    timestamp = in.readVarint64();
                }
                default -> in.skipField(inner);
            }
        }
        in.popLimit(oldLimit);
        int count = refCount - first;
        if (count % 2 != 0) {
            throw new RejectedException(Rule.LABELS_REFS_ODD, "series " + series + ": rule " + Rule.LABELS_REFS_ODD.id()
                    + ": exemplar labels_refs has " + count + " entries, an odd count cannot form name/value pairs");
        }
        int mark = out.beginMessage(V1_EXEMPLARS);
        if (validator != null) {
            validator.translatedExemplarStart();
        }
        for (int k = first; k < refCount; k += 2) {
            int name = refs[k];
            int value = refs[k + 1];
            out.label(1, b, symbolOff[name], symbolLen[name], symbolOff[value], symbolLen[value]);
            if (validator != null) {
                validator.translatedExemplarLabel(symbolOff[name], symbolLen[name], symbolOff[value], symbolLen[value]);
            }
        }
        out.doubleField(2, valueBits);
        out.int64Field(3, timestamp);
        out.endMessage(mark);
        refCount = first;
    }

    /** First metadata per family wins; families are told apart by name, not by symbol reference. */
    private void rememberMetadata(byte[] b, int type, int helpRef, int unitRef) throws MalformedRequestException {
        if (metricNameRef < 0 || familyRefsSeen.get(metricNameRef)) {
            return;
        }
        familyRefsSeen.set(metricNameRef);
        if (!familyNames.add(new String(b, symbolOff[metricNameRef], symbolLen[metricNameRef], StandardCharsets.UTF_8))) {
            return;
        }
        // Help and unit reach no validator downstream; a proto3 string must be UTF-8.
        for (int ref : new int[] {helpRef, unitRef}) {
            if (!LabelBytes.isValidUtf8(b, symbolOff[ref], symbolLen[ref])) {
                throw new MalformedRequestException("protobuf-invalid", "metadata of a series refers to symbol " + ref
                        + ", which is not valid UTF-8");
            }
        }
        if (metadataCount * 4 == metadata.length) {
            metadata = java.util.Arrays.copyOf(metadata, metadata.length * 2);
        }
        int at = metadataCount * 4;
        // The enums share their numbering (UNKNOWN/UNSPECIFIED = 0 ... STATESET = 7); others become UNKNOWN.
        metadata[at] = type >= 0 && type <= 7 ? type : 0;
        metadata[at + 1] = metricNameRef;
        metadata[at + 2] = helpRef;
        metadata[at + 3] = unitRef;
        metadataCount++;
    }

    private void writeMetadata(byte[] b) throws MalformedRequestException {
        for (int i = 0; i < metadataCount; i++) {
            int at = i * 4;
            int mark = out.beginMessage(V1_METADATA);
            if (metadata[at] != 0) {
                out.tag(1, WireReader.VARINT);
                out.varint32(metadata[at]);
            }
            int family = metadata[at + 1];
            int help = metadata[at + 2];
            int unit = metadata[at + 3];
            out.string(2, b, symbolOff[family], symbolLen[family]);
            out.string(4, b, symbolOff[help], symbolLen[help]);
            out.string(5, b, symbolOff[unit], symbolLen[unit]);
            out.endMessage(mark);
        }
    }

    private static boolean isMetricNameLabel(byte[] b, int off, int len) {
        return len == METRIC_NAME_LABEL.length
                && java.util.Arrays.equals(b, off, off + len, METRIC_NAME_LABEL, 0, METRIC_NAME_LABEL.length);
    }

    private int symbolRef(int ref, int series, String what) throws RejectedException {
        // refs are uint32 on the wire: a Java int below zero is a reference above 2^31, out of range too.
        if (ref < 0 || ref >= symbolCount) {
            throw new RejectedException(Rule.SYMBOL_REF_OUT_OF_RANGE, "series " + series + ": rule "
                    + Rule.SYMBOL_REF_OUT_OF_RANGE.id() + ": " + what + " references symbol "
                    + Integer.toUnsignedString(ref) + " but the table has " + symbolCount);
        }
        return ref;
    }

    private static int readVarint32(WireReader in, int tag, String field) throws InvalidProtocolBufferException {
        requireWireType(tag, WireReader.VARINT, field);
        return in.readVarint32();
    }

    private static void requireWireType(int tag, int wireType, String field) throws InvalidProtocolBufferException {
        if (WireReader.wireType(tag) != wireType) {
            throw new InvalidProtocolBufferException(field + " has wire type " + WireReader.wireType(tag)
                    + ", expected " + wireType);
        }
    }
}
