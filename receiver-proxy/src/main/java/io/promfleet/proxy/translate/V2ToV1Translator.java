package io.promfleet.proxy.translate;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ProtocolStringList;
import io.promfleet.proxy.decode.MalformedRequestException;
import io.promfleet.proxy.proto.v1.RemoteWriteV1;
import io.promfleet.proxy.proto.v2.RemoteWriteV2;
import io.promfleet.proxy.validate.RejectedException;
import io.promfleet.proxy.validate.Rule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates an {@code io.prometheus.write.v2.Request} into a {@code prometheus.WriteRequest}.
 *
 * <p>Released Thanos Receive versions read only 1.0 and answer a 2.0 body with 200 while storing
 * nothing (2.0 spec, "Required Written Response Headers", describes exactly that failure). So 2.0 is
 * translated before relaying:
 * <ul>
 *   <li>symbols and label references become literal labels (spec "Symbols"), series by series, in order,
 *       so a series' index is the same on both sides;</li>
 *   <li>samples, native histograms (fields 1..16 map 1:1) and exemplars are copied field by field;</li>
 *   <li>metadata becomes 1.0 {@code MetricMetadata}, one per metric family name, first one wins;</li>
 *   <li>rc.4 start timestamps ({@code Sample.start_timestamp}, {@code Histogram.start_timestamp}) have
 *       no 1.0 field and are dropped.</li>
 * </ul>
 * Structural 2.0 rules (symbol table, references, samples-or-histograms) are checked here; label rules
 * are checked afterwards on the 1.0 result by the same validator that checks 1.0 requests.
 */
public final class V2ToV1Translator {

    /** The translated request and what it holds, counted in 2.0 terms for the Written headers. */
    public record Translation(RemoteWriteV1.WriteRequest request, long samples, long histograms, long exemplars) {
    }

    public Translation translate(byte[] buf, int offset, int length) throws MalformedRequestException, RejectedException {
        RemoteWriteV2.Request request;
        try {
            request = RemoteWriteV2.Request.parseFrom(CodedInputStream.newInstance(buf, offset, length));
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedRequestException("protobuf-invalid", "body is not a valid io.prometheus.write.v2.Request: "
                    + e.getMessage());
        } catch (java.io.IOException e) {
            throw new MalformedRequestException("protobuf-invalid", "body is not a valid io.prometheus.write.v2.Request");
        }
        ProtocolStringList symbols = request.getSymbolsList();
        if (request.getTimeseriesCount() > 0 && (symbols.isEmpty() || !symbols.get(0).isEmpty())) {
            throw new RejectedException(Rule.SYMBOLS_FIRST_NOT_EMPTY, "rule " + Rule.SYMBOLS_FIRST_NOT_EMPTY.id()
                    + ": symbols[0] must be the empty string (spec \"Symbols\")");
        }
        RemoteWriteV1.WriteRequest.Builder out = RemoteWriteV1.WriteRequest.newBuilder();
        Map<String, RemoteWriteV1.MetricMetadata> metadata = new LinkedHashMap<>();
        long samples = 0;
        long histograms = 0;
        long exemplars = 0;
        for (int i = 0; i < request.getTimeseriesCount(); i++) {
            RemoteWriteV2.TimeSeries ts = request.getTimeseries(i);
            if (ts.getSamplesCount() > 0 && ts.getHistogramsCount() > 0) {
                throw new RejectedException(Rule.SAMPLES_AND_HISTOGRAMS, "series " + i + ": rule "
                        + Rule.SAMPLES_AND_HISTOGRAMS.id() + ": a TimeSeries MUST NOT hold both samples and histograms");
            }
            RemoteWriteV1.TimeSeries.Builder series = out.addTimeseriesBuilder();
            String metricName = addLabels(series::addLabelsBuilder, ts.getLabelsRefsList(), symbols, i, "labels_refs");
            for (RemoteWriteV2.Sample s : ts.getSamplesList()) {
                series.addSamplesBuilder().setValue(s.getValue()).setTimestamp(s.getTimestamp());
            }
            for (RemoteWriteV2.Histogram h : ts.getHistogramsList()) {
                series.addHistograms(histogram(h));
            }
            for (RemoteWriteV2.Exemplar e : ts.getExemplarsList()) {
                RemoteWriteV1.Exemplar.Builder ex = series.addExemplarsBuilder().setValue(e.getValue())
                        .setTimestamp(e.getTimestamp());
                addLabels(ex::addLabelsBuilder, e.getLabelsRefsList(), symbols, i, "exemplar labels_refs");
            }
            samples += ts.getSamplesCount();
            histograms += ts.getHistogramsCount();
            exemplars += ts.getExemplarsCount();
            if (ts.hasMetadata() && metricName != null && !metadata.containsKey(metricName)) {
                RemoteWriteV1.MetricMetadata md = metadata(ts.getMetadata(), metricName, symbols, i);
                if (md != null) {
                    metadata.put(metricName, md);
                }
            }
        }
        out.addAllMetadata(metadata.values());
        return new Translation(out.build(), samples, histograms, exemplars);
    }

    /** Resolves name/value reference pairs into labels; returns the {@code __name__} value, if any. */
    private static String addLabels(java.util.function.Supplier<RemoteWriteV1.Label.Builder> add, List<Integer> refs,
                                    ProtocolStringList symbols, int series, String what) throws RejectedException {
        if (refs.size() % 2 != 0) {
            throw new RejectedException(Rule.LABELS_REFS_ODD, "series " + series + ": rule " + Rule.LABELS_REFS_ODD.id()
                    + ": " + what + " has " + refs.size() + " entries, an odd count cannot form name/value pairs");
        }
        String metricName = null;
        for (int k = 0; k < refs.size(); k += 2) {
            String name = symbol(symbols, refs.get(k), series, what);
            String value = symbol(symbols, refs.get(k + 1), series, what);
            add.get().setName(name).setValue(value);
            if (name.equals("__name__")) {
                metricName = value;
            }
        }
        return metricName;
    }

    private static String symbol(ProtocolStringList symbols, int ref, int series, String what) throws RejectedException {
        // refs are uint32 on the wire: a Java int below zero is a reference above 2^31, out of range too.
        if (ref < 0 || ref >= symbols.size()) {
            throw new RejectedException(Rule.SYMBOL_REF_OUT_OF_RANGE, "series " + series + ": rule "
                    + Rule.SYMBOL_REF_OUT_OF_RANGE.id() + ": " + what + " references symbol "
                    + Integer.toUnsignedString(ref) + " but the table has " + symbols.size());
        }
        return symbols.get(ref);
    }

    private static RemoteWriteV1.MetricMetadata metadata(RemoteWriteV2.Metadata md, String family,
                                                         ProtocolStringList symbols, int series) throws RejectedException {
        if (md.getTypeValue() == 0 && md.getHelpRef() == 0 && md.getUnitRef() == 0) {
            return null;
        }
        // The enums share their numbering (UNKNOWN/UNSPECIFIED = 0 ... STATESET = 7).
        RemoteWriteV1.MetricMetadata.MetricType type = RemoteWriteV1.MetricMetadata.MetricType.forNumber(md.getTypeValue());
        return RemoteWriteV1.MetricMetadata.newBuilder()
                .setType(type == null ? RemoteWriteV1.MetricMetadata.MetricType.UNKNOWN : type)
                .setMetricFamilyName(family)
                .setHelp(symbol(symbols, md.getHelpRef(), series, "metadata help_ref"))
                .setUnit(symbol(symbols, md.getUnitRef(), series, "metadata unit_ref"))
                .build();
    }

    static RemoteWriteV1.Histogram histogram(RemoteWriteV2.Histogram h) {
        RemoteWriteV1.Histogram.Builder b = RemoteWriteV1.Histogram.newBuilder()
                .setSum(h.getSum())
                .setSchema(h.getSchema())
                .setZeroThreshold(h.getZeroThreshold())
                .setResetHintValue(h.getResetHintValue())
                .setTimestamp(h.getTimestamp())
                .addAllNegativeDeltas(h.getNegativeDeltasList())
                .addAllNegativeCounts(h.getNegativeCountsList())
                .addAllPositiveDeltas(h.getPositiveDeltasList())
                .addAllPositiveCounts(h.getPositiveCountsList())
                .addAllCustomValues(h.getCustomValuesList());
        // The oneofs decide integer vs float histogram; an unset oneof stays unset.
        switch (h.getCountCase()) {
            case COUNT_INT -> b.setCountInt(h.getCountInt());
            case COUNT_FLOAT -> b.setCountFloat(h.getCountFloat());
            default -> { }
        }
        switch (h.getZeroCountCase()) {
            case ZERO_COUNT_INT -> b.setZeroCountInt(h.getZeroCountInt());
            case ZERO_COUNT_FLOAT -> b.setZeroCountFloat(h.getZeroCountFloat());
            default -> { }
        }
        for (RemoteWriteV2.BucketSpan s : h.getNegativeSpansList()) {
            b.addNegativeSpansBuilder().setOffset(s.getOffset()).setLength(s.getLength());
        }
        for (RemoteWriteV2.BucketSpan s : h.getPositiveSpansList()) {
            b.addPositiveSpansBuilder().setOffset(s.getOffset()).setLength(s.getLength());
        }
        return b.build();
    }
}
