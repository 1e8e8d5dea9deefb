package io.promfleet.proxy.validate;

import static io.promfleet.proxy.support.RemoteWrite.request;
import static io.promfleet.proxy.support.RemoteWrite.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promfleet.proxy.config.Limits;
import io.promfleet.proxy.decode.MalformedRequestException;
import io.promfleet.proxy.proto.v1.RemoteWriteV1;
import io.promfleet.proxy.support.RemoteWrite;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WriteRequestValidatorTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final Limits LIMITS = new Limits(1 << 20, 1 << 22, 5, 8, 4, 16, 32, Duration.ofMinutes(10));

    private final WriteRequestValidator validator = new WriteRequestValidator(LIMITS);

    private RequestStats validate(RemoteWriteV1.WriteRequest request, RequiredLabel required) throws Exception {
        byte[] b = request.toByteArray();
        return validator.validate(b, 0, b.length, required, NOW);
    }

    private void assertRejected(RemoteWriteV1.WriteRequest request, Rule rule, String... fragments) {
        assertRejected(request, null, rule, fragments);
    }

    private void assertRejected(RemoteWriteV1.WriteRequest request, RequiredLabel required, Rule rule, String... fragments) {
        assertThatThrownBy(() -> validate(request, required))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.rule()).isEqualTo(rule);
                    assertThat(e.getMessage()).contains(rule.id());
                    for (String fragment : fragments) {
                        assertThat(e.getMessage()).contains(fragment);
                    }
                });
    }

    @Test
    void countsAValidRequest() throws Exception {
        RemoteWriteV1.TimeSeries withHistogram = series(NOW, 1, "__name__", "h", "job", "a").toBuilder()
                .clearSamples()
                .addHistograms(RemoteWriteV1.Histogram.newBuilder().setCountInt(3).setTimestamp(NOW))
                .addExemplars(RemoteWriteV1.Exemplar.newBuilder().setValue(1).setTimestamp(NOW))
                .build();
        RequestStats stats = validate(request(series(NOW, 1, "__name__", "up", "job", "a"),
                series(NOW, 2, "__name__", "up", "job", "b"), withHistogram), null);
        assertThat(stats).isEqualTo(new RequestStats(3, 2, 1, 1, 0));
    }

    @Test
    void nanInfinityAndStaleMarkersAreValidValues() throws Exception {
        double stale = Double.longBitsToDouble(0x7ff0000000000002L);
        RequestStats stats = validate(request(
                series(NOW, Double.NaN, "__name__", "a"),
                series(NOW, Double.POSITIVE_INFINITY, "__name__", "b"),
                series(NOW, Double.NEGATIVE_INFINITY, "__name__", "c"),
                series(NOW, stale, "__name__", "d")), null);
        assertThat(stats.samples()).isEqualTo(4);
    }

    @Test
    void labelNamesMustMatchThePattern() {
        assertRejected(request(series(NOW, 1, "1job", "x", "__name__", "up")), Rule.LABEL_NAME_INVALID, "\"1job\"");
        assertRejected(request(series(NOW, 1, "__name__", "up", "jo-b", "x")), Rule.LABEL_NAME_INVALID, "series 0");
    }

    @Test
    void metricNameMustBePresentAndValid() throws Exception {
        assertRejected(request(series(NOW, 1, "job", "x")), Rule.METRIC_NAME_MISSING);
        assertRejected(request(series(NOW, 1, "__name__", "9up")), Rule.METRIC_NAME_INVALID, "{__name__=\"9up\"}");
        // colons are allowed in metric names (recording rules), not in label names
        assertThat(validate(request(series(NOW, 1, "__name__", "job:up:sum")), null).series()).isEqualTo(1);
    }

    @Test
    void namesMustBeSortedAndUnique() {
        assertRejected(request(series(NOW, 1, "__name__", "up", "job", "a", "env", "b")), Rule.LABELS_UNSORTED, "\"env\"");
        assertRejected(request(series(NOW, 1, "__name__", "up", "job", "a", "job", "b")), Rule.LABEL_NAME_DUPLICATE);
    }

    @Test
    void emptyNamesAndValuesAreRejected() {
        assertRejected(request(series(NOW, 1, "", "x", "__name__", "up")), Rule.LABEL_NAME_EMPTY);
        assertRejected(request(series(NOW, 1, "__name__", "up", "job", "")), Rule.LABEL_VALUE_EMPTY, "\"job\"");
    }

    @Test
    void lengthAndCountLimitsApply() throws Exception {
        assertRejected(request(series(NOW, 1, "__name__", "up", "a".repeat(17), "x")), Rule.LABEL_NAME_TOO_LONG);
        assertRejected(request(series(NOW, 1, "__name__", "up", "job", "v".repeat(33))), Rule.LABEL_VALUE_TOO_LONG);
        assertRejected(request(series(NOW, 1, "__name__", "up", "a", "1", "b", "2", "c", "3", "d", "4")),
                Rule.TOO_MANY_LABELS, "5 labels");
        // exactly at the limits passes
        assertThat(validate(request(series(NOW, 1, "__name__", "up", "a".repeat(16), "v".repeat(32), "b", "2", "c", "3")),
                null).series()).isEqualTo(1);
    }

    @Test
    void seriesAndSampleCountsPerRequestAreBounded() throws Exception {
        RemoteWriteV1.TimeSeries s = series(NOW, 1, "__name__", "up");
        assertThat(validate(request(s, s, s, s, s), null).series()).isEqualTo(5);
        assertRejected(request(s, s, s, s, s, s), Rule.TOO_MANY_SERIES);
        RemoteWriteV1.TimeSeries many = s.toBuilder()
                .addSamples(RemoteWriteV1.Sample.newBuilder().setTimestamp(NOW + 1))
                .addSamples(RemoteWriteV1.Sample.newBuilder().setTimestamp(NOW + 2))
                .addSamples(RemoteWriteV1.Sample.newBuilder().setTimestamp(NOW + 3)).build();
        assertThat(validate(request(many, many), null).samples()).isEqualTo(8);
        assertRejected(request(many, many, s), Rule.TOO_MANY_SAMPLES);
    }

    @Test
    void timestampsMayNotBeTooFarInTheFuture() throws Exception {
        long limit = NOW + Duration.ofMinutes(10).toMillis();
        assertThat(validate(request(series(limit, 1, "__name__", "up")), null).samples()).isEqualTo(1);
        assertRejected(request(series(limit + 1, 1, "__name__", "up")), Rule.TIMESTAMP_IN_FUTURE, String.valueOf(limit + 1));
        RemoteWriteV1.TimeSeries futureHistogram = RemoteWriteV1.TimeSeries.newBuilder()
                .addLabels(RemoteWriteV1.Label.newBuilder().setName("__name__").setValue("h"))
                .addHistograms(RemoteWriteV1.Histogram.newBuilder().setTimestamp(limit + 60_000)).build();
        assertRejected(request(futureHistogram), Rule.TIMESTAMP_IN_FUTURE);
    }

    @Test
    void invalidUtf8ValuesAreRejected() throws Exception {
        // protobuf-java refuses to build such a string, a sender in another language might not: write the wire by hand
        byte[] name = {0x0a, 0x08, '_', '_', 'n', 'a', 'm', 'e', '_', '_', 0x12, 0x02, 'u', 'p'};
        byte[] job = {0x0a, 0x03, 'j', 'o', 'b', 0x12, 0x02, 'a', (byte) 0xc3};
        byte[] series = concat(concat(new byte[] {0x0a, (byte) name.length}, name), concat(new byte[] {0x0a, (byte) job.length}, job));
        byte[] req = concat(new byte[] {0x0a, (byte) series.length}, series);
        assertThatThrownBy(() -> validator.validate(req, 0, req.length, null, NOW))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.rule()).isEqualTo(Rule.LABEL_VALUE_INVALID_UTF8));
        job[job.length - 2] = (byte) 0xc3; // "é" (C3 A9) is valid
        job[job.length - 1] = (byte) 0xa9;
        byte[] fine = concat(new byte[] {0x0a, (byte) series.length}, concat(concat(new byte[] {0x0a, (byte) name.length}, name),
                concat(new byte[] {0x0a, (byte) job.length}, job)));
        assertThat(validator.validate(fine, 0, fine.length, null, NOW).series()).isEqualTo(1);
    }

    @Test
    void errorNamesTheFirstOffendingSeries() {
        assertRejected(request(series(NOW, 1, "__name__", "ok"), series(NOW, 1, "__name__", "up", "job", "")),
                Rule.LABEL_VALUE_EMPTY, "series 1 {__name__=\"up\", job=\"\"}");
    }

    @Test
    void tenantLabelIsCheckedAddedOrRejected() throws Exception {
        RequiredLabel add = new RequiredLabel("cluster", "edge-1", true);
        RequiredLabel reject = new RequiredLabel("cluster", "edge-1", false);
        RemoteWriteV1.WriteRequest missing = request(series(NOW, 1, "__name__", "up", "job", "a"),
                series(NOW, 1, "__name__", "up", "cluster", "edge-1"));
        assertThat(validate(missing, add).seriesMissingTenantLabel()).isEqualTo(1);
        assertRejected(missing, reject, Rule.TENANT_LABEL_MISSING, "series 0", "cluster=\"edge-1\"");
        RemoteWriteV1.WriteRequest spoofed = request(series(NOW, 1, "__name__", "up", "cluster", "edge-2"));
        assertRejected(spoofed, add, Rule.TENANT_LABEL_MISMATCH);
        assertRejected(spoofed, reject, Rule.TENANT_LABEL_MISMATCH);
        // adding the label must respect the label-count limit too
        assertRejected(request(series(NOW, 1, "__name__", "up", "a", "1", "b", "2", "job", "x")), add, Rule.TOO_MANY_LABELS);
    }

    @Test
    void scratchStateDoesNotLeakBetweenSeries() {
        // series 0 has labels; series 1 has a label message without a name: it must not inherit series 0's name
        RemoteWriteV1.TimeSeries nameless = RemoteWriteV1.TimeSeries.newBuilder()
                .addLabels(RemoteWriteV1.Label.newBuilder().setValue("up")).build();
        assertRejected(request(series(NOW, 1, "__name__", "up"), nameless), Rule.LABEL_NAME_EMPTY, "series 1");
    }

    @Test
    void wrongWireTypesAreMalformedNotRejected() {
        // WriteRequest field 1 as a varint instead of a length-delimited TimeSeries
        byte[] wrongType = {0x08, 0x01};
        assertThatThrownBy(() -> validator.validate(wrongType, 0, wrongType.length, null, NOW))
                .isInstanceOf(MalformedRequestException.class).hasMessageContaining("wire type");
        // a sample timestamp sent as fixed64
        byte[] sample = {0x11, 1, 2, 3, 4, 5, 6, 7, 8};
        byte[] series = concat(new byte[] {0x12, (byte) sample.length}, sample);
        byte[] req = concat(new byte[] {0x0a, (byte) series.length}, series);
        assertThatThrownBy(() -> validator.validate(req, 0, req.length, null, NOW))
                .isInstanceOf(MalformedRequestException.class);
    }

    @Test
    void truncatedAndOverlongVarintsAreMalformed() {
        byte[] lengthPastEnd = {0x0a, 0x7f, 0x0a};
        assertThatThrownBy(() -> validator.validate(lengthPastEnd, 0, lengthPastEnd.length, null, NOW))
                .isInstanceOf(MalformedRequestException.class);
        byte[] endless = {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThatThrownBy(() -> validator.validate(endless, 0, endless.length, null, NOW))
                .isInstanceOf(MalformedRequestException.class);
    }

    @Test
    void metadataAndUnknownFieldsAreTolerated() throws Exception {
        RemoteWriteV1.WriteRequest withMetadata = request(series(NOW, 1, "__name__", "up")).toBuilder()
                .addMetadata(RemoteWriteV1.MetricMetadata.newBuilder().setMetricFamilyName("up").setHelp("h")).build();
        byte[] b = RemoteWrite.snappy(withMetadata.toByteArray());
        byte[] raw = RemoteWrite.unsnappy(b);
        byte[] withUnknown = concat(raw, new byte[] {(byte) 0xa0, 0x06, 0x01}); // field 100, varint 1
        assertThat(validator.validate(withUnknown, 0, withUnknown.length, null, NOW).series()).isEqualTo(1);
    }

    @Test
    void aNameRepeatedFromThePreviousSeriesIsStillCheckedAgainstItsNeighbour() {
        // The validator trusts names equal to the previous series' only while every earlier name was equal too.
        RemoteWriteV1.TimeSeries first = series(NOW, 1, "__name__", "up", "pod_name_xx", "a", "zz", "b");
        assertRejected(request(first, series(NOW, 1, "__name__", "up", "pod_name_xy", "a",
                "pod_name_xx", "b")), Rule.LABELS_UNSORTED, "series 1");
        assertRejected(request(first, series(NOW, 1, "__name__", "up", "zz", "a", "zz", "b")),
                Rule.LABEL_NAME_DUPLICATE, "series 1");
        assertRejected(request(first, series(NOW, 1, "__name__", "up", "pod_name_xx", "a", "zz", "b",
                "zz-top", "c")), Rule.LABEL_NAME_INVALID, "series 1");
    }

    private static RemoteWriteV1.TimeSeries withExemplar(String... labels) {
        RemoteWriteV1.Exemplar.Builder e = RemoteWriteV1.Exemplar.newBuilder().setValue(0.5).setTimestamp(NOW);
        for (int i = 0; i < labels.length; i += 2) {
            e.addLabels(RemoteWriteV1.Label.newBuilder().setName(labels[i]).setValue(labels[i + 1]));
        }
        return series(NOW, 1, "__name__", "rpc_seconds", "job", "api").toBuilder().addExemplars(e).build();
    }

    @Test
    void exemplarLabelsFollowTheOpenMetricsRules() throws Exception {
        // OpenMetrics 1.0, "Exemplars": names and values together at most 128 code points, not bytes.
        assertThat(validate(request(withExemplar("trace_id", "x".repeat(120))), null).exemplars()).isEqualTo(1);
        assertThat(validate(request(withExemplar("trace_id", "é".repeat(60), "span_id", "é".repeat(53))), null)
                .exemplars()).isEqualTo(1);
        assertRejected(request(withExemplar("trace_id", "x".repeat(121))), Rule.EXEMPLAR_LABELS_TOO_LONG,
                "series 0 {__name__=\"rpc_seconds\", job=\"api\"}", "128 code points");
        assertRejected(request(withExemplar("trace_id", "é".repeat(60), "span_id", "é".repeat(54))),
                Rule.EXEMPLAR_LABELS_TOO_LONG);
        assertRejected(request(withExemplar("trace-id", "abc")), Rule.EXEMPLAR_LABEL_NAME_INVALID, "\"trace-id\"");
        assertRejected(request(withExemplar("", "abc")), Rule.EXEMPLAR_LABEL_NAME_INVALID);
        // an exemplar without labels is allowed (the LabelSet may be empty)
        assertThat(validate(request(withExemplar()), null).exemplars()).isEqualTo(1);
    }

    @Test
    void exemplarLabelValuesMustBeUtf8() {
        byte[] valid = request(withExemplar("trace_id", "ab")).toByteArray();
        // the exemplar's label value "ab" is the last two bytes before the exemplar's value and timestamp
        byte[] broken = valid.clone();
        int at = indexOf(broken, new byte[] {'a', 'b'});
        broken[at + 1] = (byte) 0xc3; // a lead byte without its continuation
        assertThatThrownBy(() -> validator.validate(broken, 0, broken.length, null, NOW))
                .isInstanceOfSatisfying(RejectedException.class,
                        e -> assertThat(e.rule()).isEqualTo(Rule.EXEMPLAR_LABEL_VALUE_INVALID_UTF8));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
