package io.promfleet.proxy.validate;

import com.google.protobuf.InvalidProtocolBufferException;
import io.promfleet.proxy.config.Limits;
import io.promfleet.proxy.decode.MalformedRequestException;
import io.promfleet.proxy.decode.WireReader;
import java.nio.charset.StandardCharsets;

/**
 * Validates a decompressed {@code prometheus.WriteRequest} by walking its wire bytes: no message
 * objects, no Strings; label names and values stay offsets into the request's own array until a rule
 * fails and the error message needs them.
 *
 * <p>The same rules check a Remote-Write 2.0 request while it is translated, without a second walk over
 * the 1.0 result: the translator feeds each series' labels as symbol references ({@link #beginTranslated}
 * and the {@code translated*} methods). Labels then point into the 2.0 body, so a rejection names the
 * same series in the same words; what depends only on a symbol (a value is UTF-8, a metric name is
 * valid) is checked once per symbol, and a name is known to be valid and in order when the previous
 * series had the same reference at the same place.
 *
 * <p>Not thread-safe: it keeps per-series scratch arrays. Each event loop owns one.
 */
public final class WriteRequestValidator {

    private static final byte[] METRIC_NAME_LABEL = "__name__".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_RENDERED_VALUE = 64;
    private static final int MAX_EXEMPLAR_LABEL_CODE_POINTS = 128;

    private final Limits limits;
    private final int[] nameOff;
    private final int[] nameLen;
    private final int[] valueOff;
    private final int[] valueLen;
    // The names of the previous series of this request, checked already.
    private final int[] checkedNameOff;
    private final int[] checkedNameLen;
    private int checkedCount;

    // 2.0: the labels' symbol references, and what is known of each symbol in this request.
    private static final int VALUE_OK = 1; // non-empty, within the length limit, UTF-8
    private static final int VALUE_METRIC_NAME = 2; // a valid metric name
    private static final int NAME_SEEN = 4; // the two below are known
    private static final int NAME_METRIC = 8; // "__name__"
    private static final int NAME_TENANT = 16; // the tenant's label name
    private final int[] nameRef;
    private final int[] valueRef;
    private final int[] checkedNameRef;
    private static final int RETAINED_SYMBOLS = 1 << 16;
    private byte[] retainedFlags = new byte[1024];
    private byte[] symbolFlags; // this request's: retainedFlags, or a larger one let go afterwards
    private boolean byRef;

    // Per request.
    private byte[] buf;
    private RequiredLabel required;
    private long maxTimestamp;
    private int series;
    private long samples;
    private long histograms;
    private long exemplars;
    private int missingTenantLabel;
    private RejectedException fault; // 2.0: the first rule broken, reported once translation succeeded

    // Per-series scratch, reset by scanSeries.
    private int labelCount;
    private long seriesSamples;
    private long seriesHistograms;
    private long seriesExemplars;
    private long futureTimestamp;
    private Rule exemplarFault;
    private String exemplarDetail;
    private int exemplarCodePoints;

    private final WireReader reader = new WireReader();

    public WriteRequestValidator(Limits limits) {
        this.limits = limits;
        int capacity = limits.maxLabelsPerSeries() + 1;
        this.checkedNameOff = new int[capacity];
        this.checkedNameLen = new int[capacity];
        this.nameOff = new int[capacity];
        this.nameLen = new int[capacity];
        this.valueOff = new int[capacity];
        this.valueLen = new int[capacity];
        this.nameRef = new int[capacity];
        this.valueRef = new int[capacity];
        this.checkedNameRef = new int[capacity];
    }

    private void begin(byte[] buf, RequiredLabel required, long nowMillis, boolean byRef) {
        this.buf = buf;
        this.required = required;
        this.maxTimestamp = nowMillis + limits.maxFutureSkew().toMillis();
        this.byRef = byRef;
        checkedCount = 0;
        series = 0;
        samples = 0;
        histograms = 0;
        exemplars = 0;
        missingTenantLabel = 0;
        fault = null;
    }

    private void startSeries() throws RejectedException {
        if (series == limits.maxSeriesPerRequest()) {
            throw new RejectedException(Rule.TOO_MANY_SERIES, "rule " + Rule.TOO_MANY_SERIES.id()
                    + ": request holds more than " + limits.maxSeriesPerRequest() + " series");
        }
        labelCount = 0;
        seriesSamples = 0;
        seriesHistograms = 0;
        seriesExemplars = 0;
        futureTimestamp = Long.MIN_VALUE;
        exemplarFault = null;
    }

    private void endSeries() throws RejectedException {
        if (checkSeries(buf, series, required)) {
            missingTenantLabel++;
        }
        samples += seriesSamples;
        histograms += seriesHistograms;
        exemplars += seriesExemplars;
        if (samples + histograms > limits.maxSamplesPerRequest()) {
            throw new RejectedException(Rule.TOO_MANY_SAMPLES, "rule " + Rule.TOO_MANY_SAMPLES.id()
                    + ": request holds more than " + limits.maxSamplesPerRequest() + " samples");
        }
        series++;
    }

    private RequestStats stats() {
        return new RequestStats(series, samples, histograms, exemplars, missingTenantLabel);
    }

    // The 2.0 path, fed by the translator. A broken rule is kept, not thrown: a structural 2.0 fault found
    // later in the request still wins, as it did when the 1.0 result was validated after translation.

    /** Starts a 2.0 request whose symbol table has {@code symbols} entries, in {@code buf}. */
    public void beginTranslated(byte[] buf, int symbols, RequiredLabel required, long nowMillis) {
        begin(buf, required, nowMillis, true);
        if (symbols <= retainedFlags.length) {
            symbolFlags = retainedFlags;
            java.util.Arrays.fill(symbolFlags, 0, symbols, (byte) 0);
        } else {
            symbolFlags = new byte[symbols];
            if (symbols <= RETAINED_SYMBOLS) {
                retainedFlags = symbolFlags;
            }
        }
    }

    public void translatedSeriesStart() {
        if (fault == null) {
            try {
                startSeries();
            } catch (RejectedException e) {
                fault = e;
            }
        }
    }

    public void translatedLabel(int name, int nOff, int nLen, int value, int vOff, int vLen) {
        int index = labelCount++;
        if (fault == null && index < nameOff.length) {
            nameRef[index] = name;
            nameOff[index] = nOff;
            nameLen[index] = nLen;
            valueRef[index] = value;
            valueOff[index] = vOff;
            valueLen[index] = vLen;
        }
    }

    public void translatedSample(long timestamp) {
        checkTimestamp(timestamp, maxTimestamp);
        seriesSamples++;
    }

    public void translatedHistogram(long timestamp) {
        checkTimestamp(timestamp, maxTimestamp);
        seriesHistograms++;
    }

    public void translatedExemplarStart() {
        exemplarCodePoints = 0;
        seriesExemplars++;
    }

    public void translatedExemplarLabel(int nOff, int nLen, int vOff, int vLen) {
        checkExemplarLabel(buf, nOff, nLen, vOff, vLen);
    }

    public void translatedSeriesEnd() {
        if (fault == null) {
            try {
                endSeries();
            } catch (RejectedException e) {
                fault = e;
            }
        }
    }

    /** The request's figures, or the first rule it breaks. */
    public RequestStats finishTranslated() throws RejectedException {
        if (fault != null) {
            throw fault;
        }
        return stats();
    }

    /**
     * @param required the tenant's identifying label, or {@code null}
     * @param nowMillis the clock, for the future-timestamp rule
     */
    public RequestStats validate(byte[] buf, int offset, int length, RequiredLabel required, long nowMillis)
            throws RejectedException, MalformedRequestException {
        begin(buf, required, nowMillis, false);
        WireReader in = reader.reset(buf, offset, length);
        try {
            int tag;
            while ((tag = in.readTag()) != 0) {
                if (WireReader.fieldNumber(tag) != 1) {
                    in.skipField(tag); // metadata (3) is relayed as-is; unknown fields are tolerated
                    continue;
                }
                in.requireWireType(tag, WireReader.LENGTH_DELIMITED, "WriteRequest.timeseries");
                startSeries();
                int oldLimit = in.pushLimit(in.readLength());
                scanSeries(in, maxTimestamp);
                in.popLimit(oldLimit);
                endSeries();
            }
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedRequestException("protobuf-invalid", "body is not a valid prometheus.WriteRequest: "
                    + e.getMessage());
        }
        return stats();
    }

    private void scanSeries(WireReader in, long maxTimestamp) throws InvalidProtocolBufferException {
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireReader.fieldNumber(tag)) {
                case 1 -> {
                    in.requireWireType(tag, WireReader.LENGTH_DELIMITED, "TimeSeries.labels");
                    scanLabel(in);
                }
                case 2 -> {
                    checkTimestamp(scanTimestamp(in, tag, "TimeSeries.samples", 2, "TimeSeries.samples timestamp"), maxTimestamp);
                    seriesSamples++;
                }
                case 3 -> {
                    in.requireWireType(tag, WireReader.LENGTH_DELIMITED, "TimeSeries.exemplars");
                    int old = in.pushLimit(in.readLength());
                    scanExemplar(in);
                    in.popLimit(old);
                    seriesExemplars++;
                }
                case 4 -> {
                    checkTimestamp(scanTimestamp(in, tag, "TimeSeries.histograms", 15, "TimeSeries.histograms timestamp"),
                            maxTimestamp);
                    seriesHistograms++;
                }
                default -> in.skipField(tag);
            }
        }
    }

    private void scanLabel(WireReader in) throws InvalidProtocolBufferException {
        int length = in.readLength();
        int index = labelCount++;
        boolean keep = index < nameOff.length; // past the capacity the series is rejected anyway
        // Fast path: name (1) then value (2), each under 128 bytes, nothing else: how every encoder
        // writes a label. Anything else (long strings, other order, unknown fields) takes the general path.
        byte[] b = in.array();
        int p = in.position();
        int end = p + length;
        if (keep && length >= 4 && b[p] == 0x0a && b[p + 1] >= 0) {
            int nLen = b[p + 1];
            int v = p + 2 + nLen;
            if (v + 2 <= end && b[v] == 0x12 && b[v + 1] >= 0 && v + 2 + b[v + 1] == end) {
                nameOff[index] = p + 2;
                nameLen[index] = nLen;
                valueOff[index] = v + 2;
                valueLen[index] = b[v + 1];
                in.skipBytes(length);
                return;
            }
        }
        int old = in.pushLimit(length);
        if (keep) {
            // An absent field is an empty string in proto3; the arrays still hold the previous series.
            nameLen[index] = 0;
            valueLen[index] = 0;
            nameOff[index] = 0;
            valueOff[index] = 0;
        }
        int tag;
        while ((tag = in.readTag()) != 0) {
            int field = WireReader.fieldNumber(tag);
            if (field == 1 || field == 2) {
                in.requireWireType(tag, WireReader.LENGTH_DELIMITED, field == 1 ? "Label.name" : "Label.value");
                int len = in.readLength();
                int off = in.position();
                in.skipBytes(len);
                if (keep) {
                    (field == 1 ? nameOff : valueOff)[index] = off;
                    (field == 1 ? nameLen : valueLen)[index] = len;
                }
            } else {
                in.skipField(tag);
            }
        }
        in.popLimit(old);
    }

    /**
     * An exemplar's labels: valid names, UTF-8 values, and at most 128 code points of names and values
     * together (OpenMetrics 1.0, "Exemplars": "The combined length of the label names and values of an
     * Exemplar's LabelSet MUST NOT exceed 128 UTF-8 character code points"). The first fault is kept and
     * reported once the series' own labels are known, so the 400 body can name the series.
     */
    private void scanExemplar(WireReader in) throws InvalidProtocolBufferException {
        exemplarCodePoints = 0;
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (WireReader.fieldNumber(tag) != 1) {
                in.skipField(tag); // value and timestamp: any double is valid, the timestamp is the sender's
                continue;
            }
            in.requireWireType(tag, WireReader.LENGTH_DELIMITED, "Exemplar.labels");
            int old = in.pushLimit(in.readLength());
            int nOff = 0;
            int nLen = 0;
            int vOff = 0;
            int vLen = 0;
            int inner;
            while ((inner = in.readTag()) != 0) {
                int field = WireReader.fieldNumber(inner);
                if (field == 1 || field == 2) {
                    in.requireWireType(inner, WireReader.LENGTH_DELIMITED, "Exemplar label");
                    int len = in.readLength();
                    if (field == 1) {
                        nOff = in.position();
                        nLen = len;
                    } else {
                        vOff = in.position();
                        vLen = len;
                    }
                    in.skipBytes(len);
                } else {
                    in.skipField(inner);
                }
            }
            in.popLimit(old);
            checkExemplarLabel(in.array(), nOff, nLen, vOff, vLen);
        }
    }

    /** One exemplar label; the first fault of the series is kept. */
    private void checkExemplarLabel(byte[] b, int nOff, int nLen, int vOff, int vLen) {
        if (exemplarFault != null) {
            return;
        }
        if (LabelBytes.checkName(b, nOff, nLen, 0, -1) == LabelBytes.INVALID_NAME) {
            exemplarFault = Rule.EXEMPLAR_LABEL_NAME_INVALID;
            exemplarDetail = "exemplar label name \"" + text(b, nOff, nLen) + "\" does not match [a-zA-Z_][a-zA-Z0-9_]*";
        } else if (!LabelBytes.isValidUtf8(b, vOff, vLen)) {
            exemplarFault = Rule.EXEMPLAR_LABEL_VALUE_INVALID_UTF8;
            exemplarDetail = "value of exemplar label \"" + text(b, nOff, nLen) + "\" is not valid UTF-8";
        } else {
            exemplarCodePoints += nLen + LabelBytes.codePoints(b, vOff, vLen); // valid names are ASCII
            if (exemplarCodePoints > MAX_EXEMPLAR_LABEL_CODE_POINTS) {
                exemplarFault = Rule.EXEMPLAR_LABELS_TOO_LONG;
                exemplarDetail = "exemplar labels hold more than " + MAX_EXEMPLAR_LABEL_CODE_POINTS
                        + " code points of names and values together (OpenMetrics limit)";
            }
        }
    }

    /**
     * Reads a Sample or Histogram submessage, returning its varint timestamp field and skipping the rest:
     * the value is not checked, since NaN, ±Inf and the stale marker are all valid (spec "Samples").
     * {@code timestampName} is a constant, not {@code field + " timestamp"}: that concatenation ran once
     * per sample and was most of what validation allocated.
     */
    private static long scanTimestamp(WireReader in, int tag, String field, int timestampField, String timestampName)
            throws InvalidProtocolBufferException {
        in.requireWireType(tag, WireReader.LENGTH_DELIMITED, field);
        int oldLimit = in.pushLimit(in.readLength());
        long timestamp = 0;
        int inner;
        while ((inner = in.readTag()) != 0) {
            if (WireReader.fieldNumber(inner) != timestampField) {
                in.skipField(inner);
            } else {
                in.requireWireType(inner, WireReader.VARINT, timestampName);
                timestamp = in.readVarint64();
            }
        }
        in.popLimit(oldLimit);
        return timestamp;
    }

    private void checkTimestamp(long timestamp, long maxTimestamp) {
        if (timestamp > maxTimestamp && futureTimestamp == Long.MIN_VALUE) {
            futureTimestamp = timestamp;
        }
    }

    /**
     * Applies the per-series rules to the labels just scanned.
     *
     * @return whether the series lacks the tenant label and must be given it
     */
    private boolean checkSeries(byte[] b, int series, RequiredLabel required) throws RejectedException {
        int count = labelCount;
        if (count > limits.maxLabelsPerSeries()) {
            throw reject(b, series, Rule.TOO_MANY_LABELS, "series has " + count + " labels, the limit is "
                    + limits.maxLabelsPerSeries());
        }
        int metricName = -1;
        int tenantLabel = -1;
        boolean known = true;
        for (int i = 0; i < count; i++) {
            if (byRef) {
                // Every label rule but the order depends on one symbol: a known name (below) with a value
                // symbol that passed before cannot break any.
                known = known && i < checkedCount && nameRef[i] == checkedNameRef[i];
                if (known && (symbolFlags[valueRef[i]] & VALUE_OK) != 0) {
                    int flags = nameFlags(b, i, required);
                    if ((flags & NAME_METRIC) != 0) {
                        metricName = i;
                    }
                    if ((flags & NAME_TENANT) != 0) {
                        tenantLabel = i;
                    }
                    continue;
                }
            }
            int nOff = nameOff[i];
            int nLen = nameLen[i];
            if (nLen == 0) {
                throw reject(b, series, Rule.LABEL_NAME_EMPTY, "label " + i + " has an empty name");
            }
            if (valueLen[i] == 0) {
                throw reject(b, series, Rule.LABEL_VALUE_EMPTY, "label " + name(b, i) + " has an empty value");
            }
            if (nLen > limits.maxLabelNameLength()) {
                throw reject(b, series, Rule.LABEL_NAME_TOO_LONG, "label name of " + nLen + " bytes, the limit is "
                        + limits.maxLabelNameLength());
            }
            if (valueLen[i] > limits.maxLabelValueLength()) {
                throw reject(b, series, Rule.LABEL_VALUE_TOO_LONG, "value of label " + name(b, i) + " has "
                        + valueLen[i] + " bytes, the limit is " + limits.maxLabelValueLength());
            }
            if (!isValidValue(b, i)) {
                throw reject(b, series, Rule.LABEL_VALUE_INVALID_UTF8, "value of label " + name(b, i)
                        + " is not valid UTF-8");
            }
            // Series of one request mostly carry the same names in the same order (one target's metrics):
            // a name equal to the one at the same place in the previous series, after names that all were
            // too, is known to be valid and in order.
            // With symbol references, the same reference is the same name.
            if (!byRef) {
                known = known && i < checkedCount && nLen == checkedNameLen[i]
                        && LabelBytes.sameBytes(b, nOff, checkedNameOff[i], nLen);
            }
            if (!known) {
                int order = i == 0 ? LabelBytes.checkName(b, nOff, nLen, 0, -1)
                        : LabelBytes.checkName(b, nOff, nLen, nameOff[i - 1], nameLen[i - 1]);
                if (order == LabelBytes.INVALID_NAME) {
                    throw reject(b, series, Rule.LABEL_NAME_INVALID, "label name " + name(b, i)
                            + " does not match [a-zA-Z_][a-zA-Z0-9_]*");
                }
                if (order == 0) {
                    throw reject(b, series, Rule.LABEL_NAME_DUPLICATE, "label " + name(b, i) + " appears twice");
                }
                if (order > 0) {
                    throw reject(b, series, Rule.LABELS_UNSORTED, "label " + name(b, i) + " comes after "
                            + name(b, i - 1) + "; names must be sorted");
                }
            }
            if (LabelBytes.equals(b, nOff, nLen, METRIC_NAME_LABEL)) {
                metricName = i;
            }
            if (required != null && LabelBytes.equals(b, nOff, nLen, required.nameBytes())) {
                tenantLabel = i;
            }
        }
        if (byRef) {
            System.arraycopy(nameRef, 0, checkedNameRef, 0, count);
        } else {
            System.arraycopy(nameOff, 0, checkedNameOff, 0, count);
            System.arraycopy(nameLen, 0, checkedNameLen, 0, count);
        }
        checkedCount = count;
        if (metricName < 0) {
            throw reject(b, series, Rule.METRIC_NAME_MISSING, "series has no __name__ label");
        }
        if (!isValidMetricName(b, metricName)) {
            throw reject(b, series, Rule.METRIC_NAME_INVALID, "metric name does not match [a-zA-Z_:][a-zA-Z0-9_:]*");
        }
        if (exemplarFault != null) {
            throw reject(b, series, exemplarFault, exemplarDetail);
        }
        if (futureTimestamp != Long.MIN_VALUE) {
            throw reject(b, series, Rule.TIMESTAMP_IN_FUTURE, "timestamp " + futureTimestamp
                    + " is more than " + limits.maxFutureSkew().toSeconds() + "s in the future");
        }
        if (required == null) {
            return false;
        }
        if (tenantLabel >= 0) {
            if (!LabelBytes.equals(b, valueOff[tenantLabel], valueLen[tenantLabel], required.valueBytes())) {
                throw reject(b, series, Rule.TENANT_LABEL_MISMATCH, "label " + required.name() + " must be \""
                        + required.value() + "\" for this tenant");
            }
            return false;
        }
        if (!required.addIfMissing()) {
            throw reject(b, series, Rule.TENANT_LABEL_MISSING, "series lacks the tenant label "
                    + required.name() + "=\"" + required.value() + "\"");
        }
        if (count + 1 > limits.maxLabelsPerSeries()) {
            throw reject(b, series, Rule.TOO_MANY_LABELS, "adding the tenant label " + required.name()
                    + " would exceed the limit of " + limits.maxLabelsPerSeries() + " labels");
        }
        return true;
    }

    /**
     * Whether label {@code i}'s value is UTF-8, its last check: with symbol references, the symbol is then
     * known to pass them all.
     */
    private boolean isValidValue(byte[] b, int i) {
        return byRef && (symbolFlags[valueRef[i]] & VALUE_OK) != 0
                || remember(VALUE_OK, i, LabelBytes.isValidUtf8(b, valueOff[i], valueLen[i]));
    }

    private boolean isValidMetricName(byte[] b, int i) {
        return byRef && (symbolFlags[valueRef[i]] & VALUE_METRIC_NAME) != 0
                || remember(VALUE_METRIC_NAME, i, LabelBytes.isValidMetricName(b, valueOff[i], valueLen[i]));
    }

    /** With symbol references, notes that label {@code i}'s value symbol passed a check. */
    private boolean remember(int flag, int i, boolean passed) {
        if (byRef && passed) {
            symbolFlags[valueRef[i]] |= flag;
        }
        return passed;
    }

    /** What label {@code i}'s name symbol is: {@code __name__}, the tenant's label, once per symbol. */
    private int nameFlags(byte[] b, int i, RequiredLabel required) {
        int ref = nameRef[i];
        int flags = symbolFlags[ref];
        if ((flags & NAME_SEEN) == 0) {
            flags |= NAME_SEEN;
            if (LabelBytes.equals(b, nameOff[i], nameLen[i], METRIC_NAME_LABEL)) {
                flags |= NAME_METRIC;
            }
            if (required != null && LabelBytes.equals(b, nameOff[i], nameLen[i], required.nameBytes())) {
                flags |= NAME_TENANT;
            }
            symbolFlags[ref] = (byte) flags;
        }
        return flags;
    }

    private RejectedException reject(byte[] b, int series, Rule rule, String detail) {
        return RejectedException.forSeries(rule, series, render(b), detail);
    }

    private String name(byte[] b, int i) {
        return "\"" + text(b, nameOff[i], nameLen[i]) + "\"";
    }

    /** {@code {__name__="up", job="node"}}, values shortened: the body is for a human reading a log. */
    private String render(byte[] b) {
        StringBuilder sb = new StringBuilder("{");
        int n = Math.min(labelCount, nameOff.length);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(text(b, nameOff[i], nameLen[i])).append("=\"")
                    .append(text(b, valueOff[i], valueLen[i])).append('"');
        }
        if (labelCount > n) {
            sb.append(", ...");
        }
        return sb.append('}').toString();
    }

    private static String text(byte[] b, int off, int len) {
        String s = new String(b, off, Math.min(len, MAX_RENDERED_VALUE), StandardCharsets.UTF_8);
        s = s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        return len > MAX_RENDERED_VALUE ? s + "..." : s;
    }
}
