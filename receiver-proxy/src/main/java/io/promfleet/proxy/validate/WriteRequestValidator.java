package io.promfleet.proxy.validate;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.promfleet.proxy.config.Limits;
import io.promfleet.proxy.decode.MalformedRequestException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Validates a decompressed {@code prometheus.WriteRequest} by walking its wire bytes: no message
 * objects, no Strings; label names and values stay offsets into the request's own array until a rule
 * fails and the error message needs them.
 *
 * <p>Not thread-safe: it keeps per-series scratch arrays. Each event loop owns one.
 */
public final class WriteRequestValidator {

    private static final byte[] METRIC_NAME_LABEL = "__name__".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_RENDERED_VALUE = 64;

    private final Limits limits;
    private final int[] nameOff;
    private final int[] nameLen;
    private final int[] valueOff;
    private final int[] valueLen;

    // Per-series scratch, reset by scanSeries.
    private int labelCount;
    private long seriesSamples;
    private long seriesHistograms;
    private long seriesExemplars;
    private long futureTimestamp;

    public WriteRequestValidator(Limits limits) {
        this.limits = limits;
        int capacity = limits.maxLabelsPerSeries() + 1;
        this.nameOff = new int[capacity];
        this.nameLen = new int[capacity];
        this.valueOff = new int[capacity];
        this.valueLen = new int[capacity];
    }

    /**
     * @param required the tenant's identifying label, or {@code null}
     * @param nowMillis the clock, for the future-timestamp rule
     */
    public RequestStats validate(byte[] buf, int offset, int length, RequiredLabel required, long nowMillis)
            throws RejectedException, MalformedRequestException {
        long maxTimestamp = nowMillis + limits.maxFutureSkew().toMillis();
        CodedInputStream in = CodedInputStream.newInstance(buf, offset, length);
        int series = 0;
        long samples = 0;
        long histograms = 0;
        long exemplars = 0;
        int missingTenantLabel = 0;
        try {
            int tag;
            while ((tag = in.readTag()) != 0) {
                if (WireFormat.getTagFieldNumber(tag) != 1) {
                    in.skipField(tag); // metadata (3) is relayed as-is; unknown fields are tolerated
                    continue;
                }
                requireLengthDelimited(tag, "WriteRequest.timeseries");
                if (series == limits.maxSeriesPerRequest()) {
                    throw new RejectedException(Rule.TOO_MANY_SERIES, "rule " + Rule.TOO_MANY_SERIES.id()
                            + ": request holds more than " + limits.maxSeriesPerRequest() + " series");
                }
                int oldLimit = in.pushLimit(in.readRawVarint32());
                scanSeries(in, offset, maxTimestamp);
                in.popLimit(oldLimit);
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
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedRequestException("protobuf-invalid", "body is not a valid prometheus.WriteRequest: "
                    + e.getMessage());
        } catch (IOException e) {
            throw new MalformedRequestException("protobuf-invalid", "body is not a valid prometheus.WriteRequest");
        }
        return new RequestStats(series, samples, histograms, exemplars, missingTenantLabel);
    }

    private void scanSeries(CodedInputStream in, int base, long maxTimestamp) throws IOException {
        labelCount = 0;
        seriesSamples = 0;
        seriesHistograms = 0;
        seriesExemplars = 0;
        futureTimestamp = Long.MIN_VALUE;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> {
                    requireLengthDelimited(tag, "TimeSeries.labels");
                    int old = in.pushLimit(in.readRawVarint32());
                    scanLabel(in, base);
                    in.popLimit(old);
                }
                case 2 -> {
                    checkTimestamp(scanTimestamp(in, tag, "TimeSeries.samples", 2), maxTimestamp);
                    seriesSamples++;
                }
                case 3 -> {
                    requireLengthDelimited(tag, "TimeSeries.exemplars");
                    in.skipRawBytes(in.readRawVarint32());
                    seriesExemplars++;
                }
                case 4 -> {
                    checkTimestamp(scanTimestamp(in, tag, "TimeSeries.histograms", 15), maxTimestamp);
                    seriesHistograms++;
                }
                default -> in.skipField(tag);
            }
        }
    }

    private void scanLabel(CodedInputStream in, int base) throws IOException {
        int index = labelCount++;
        boolean keep = index < nameOff.length; // past the capacity the series is rejected anyway
        if (keep) {
            // An absent field is an empty string in proto3; the arrays still hold the previous series.
            nameLen[index] = 0;
            valueLen[index] = 0;
            nameOff[index] = 0;
            valueOff[index] = 0;
        }
        int tag;
        while ((tag = in.readTag()) != 0) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == 1 || field == 2) {
                requireLengthDelimited(tag, field == 1 ? "Label.name" : "Label.value");
                int len = in.readRawVarint32();
                int off = base + in.getTotalBytesRead();
                in.skipRawBytes(len);
                if (keep) {
                    (field == 1 ? nameOff : valueOff)[index] = off;
                    (field == 1 ? nameLen : valueLen)[index] = len;
                }
            } else {
                in.skipField(tag);
            }
        }
    }

    /**
     * Reads a Sample or Histogram submessage, returning its varint timestamp field and skipping the rest:
     * the value is not checked, since NaN, ±Inf and the stale marker are all valid (spec "Samples").
     */
    private static long scanTimestamp(CodedInputStream in, int tag, String field, int timestampField) throws IOException {
        requireLengthDelimited(tag, field);
        int oldLimit = in.pushLimit(in.readRawVarint32());
        long timestamp = 0;
        int inner;
        while ((inner = in.readTag()) != 0) {
            if (WireFormat.getTagFieldNumber(inner) != timestampField) {
                in.skipField(inner);
            } else if (WireFormat.getTagWireType(inner) != WireFormat.WIRETYPE_VARINT) {
                throw new InvalidProtocolBufferException(field + " timestamp has the wrong wire type");
            } else {
                timestamp = in.readInt64();
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

    private static void requireLengthDelimited(int tag, String field) throws InvalidProtocolBufferException {
        if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            throw new InvalidProtocolBufferException(field + " has wire type " + WireFormat.getTagWireType(tag)
                    + ", expected 2 (length-delimited)");
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
        for (int i = 0; i < count; i++) {
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
            if (!LabelBytes.isValidLabelName(b, nOff, nLen)) {
                throw reject(b, series, Rule.LABEL_NAME_INVALID, "label name " + name(b, i)
                        + " does not match [a-zA-Z_][a-zA-Z0-9_]*");
            }
            if (!LabelBytes.isValidUtf8(b, valueOff[i], valueLen[i])) {
                throw reject(b, series, Rule.LABEL_VALUE_INVALID_UTF8, "value of label " + name(b, i)
                        + " is not valid UTF-8");
            }
            if (i > 0) {
                int order = LabelBytes.compare(b, nameOff[i - 1], nameLen[i - 1], nOff, nLen);
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
        if (metricName < 0) {
            throw reject(b, series, Rule.METRIC_NAME_MISSING, "series has no __name__ label");
        }
        if (!LabelBytes.isValidMetricName(b, valueOff[metricName], valueLen[metricName])) {
            throw reject(b, series, Rule.METRIC_NAME_INVALID, "metric name does not match [a-zA-Z_:][a-zA-Z0-9_:]*");
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
