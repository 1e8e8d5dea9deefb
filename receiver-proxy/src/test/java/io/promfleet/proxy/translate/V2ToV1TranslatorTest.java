package io.promfleet.proxy.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promfleet.proxy.config.Limits;
import io.promfleet.proxy.decode.MalformedRequestException;
import io.promfleet.proxy.proto.v1.RemoteWriteV1;
import io.promfleet.proxy.proto.v2.RemoteWriteV2;
import io.promfleet.proxy.validate.RejectedException;
import io.promfleet.proxy.validate.Rule;
import com.google.protobuf.CodedOutputStream;
import io.promfleet.proxy.bench.TwoPointZero;
import io.promfleet.proxy.support.RemoteWrite;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class V2ToV1TranslatorTest {

    private final V2ToV1Translator translator = new V2ToV1Translator(Limits.DEFAULTS.maxDecompressedBytes());

    /** symbols: 0 "", 1 __name__, 2 http_request_duration_seconds, 3 job, 4 api, 5 trace_id, 6 abc, 7 help, 8 seconds */
    private static final List<String> SYMBOLS = List.of("", "__name__", "http_request_duration_seconds", "job", "api",
            "trace_id", "abc", "Request latency.", "seconds");

    private V2ToV1Translator.Translation translate(RemoteWriteV2.Request request) throws Exception {
        byte[] b = request.toByteArray();
        return translator.translate(b, 0, b.length);
    }

    /** The translated bytes, parsed back with protobuf-java: what an upstream would read. */
    static RemoteWriteV1.WriteRequest v1(V2ToV1Translator.Translation t) throws Exception {
        return RemoteWriteV1.WriteRequest.parseFrom(ByteBuffer.wrap(t.buffer(), 0, t.length()));
    }

    private static RemoteWriteV2.Request.Builder requestWith(RemoteWriteV2.TimeSeries... series) {
        RemoteWriteV2.Request.Builder b = RemoteWriteV2.Request.newBuilder().addAllSymbols(SYMBOLS);
        for (RemoteWriteV2.TimeSeries s : series) {
            b.addTimeseries(s);
        }
        return b;
    }

    @Test
    void samplesLabelsExemplarsAndMetadataTranslateFieldByField() throws Exception {
        RemoteWriteV2.TimeSeries ts = RemoteWriteV2.TimeSeries.newBuilder()
                .addAllLabelsRefs(List.of(1, 2, 3, 4))
                .addSamples(RemoteWriteV2.Sample.newBuilder().setValue(0.25).setTimestamp(1000).setStartTimestamp(500))
                .addSamples(RemoteWriteV2.Sample.newBuilder().setValue(Double.NaN).setTimestamp(2000))
                .addExemplars(RemoteWriteV2.Exemplar.newBuilder().addAllLabelsRefs(List.of(5, 6)).setValue(0.3).setTimestamp(1500))
                .setMetadata(RemoteWriteV2.Metadata.newBuilder()
                        .setType(RemoteWriteV2.Metadata.MetricType.METRIC_TYPE_COUNTER).setHelpRef(7).setUnitRef(8))
                .build();
        V2ToV1Translator.Translation t = translate(requestWith(ts).build());

        RemoteWriteV1.TimeSeries out = v1(t).getTimeseries(0);
        assertThat(out.getLabelsList()).extracting(RemoteWriteV1.Label::getName, RemoteWriteV1.Label::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("__name__", "http_request_duration_seconds"),
                        org.assertj.core.groups.Tuple.tuple("job", "api"));
        assertThat(out.getSamplesList()).hasSize(2);
        assertThat(out.getSamples(0).getValue()).isEqualTo(0.25);
        assertThat(out.getSamples(0).getTimestamp()).isEqualTo(1000);
        assertThat(out.getSamples(1).getValue()).isNaN();
        assertThat(out.getSamples(1).getTimestamp()).isEqualTo(2000);
        assertThat(out.getExemplarsList()).hasSize(1);
        RemoteWriteV1.Exemplar ex = out.getExemplars(0);
        assertThat(ex.getValue()).isEqualTo(0.3);
        assertThat(ex.getTimestamp()).isEqualTo(1500);
        assertThat(ex.getLabels(0).getName()).isEqualTo("trace_id");
        assertThat(ex.getLabels(0).getValue()).isEqualTo("abc");
        assertThat(v1(t).getMetadataList()).containsExactly(RemoteWriteV1.MetricMetadata.newBuilder()
                .setType(RemoteWriteV1.MetricMetadata.MetricType.COUNTER)
                .setMetricFamilyName("http_request_duration_seconds")
                .setHelp("Request latency.").setUnit("seconds").build());
        assertThat(t.samples()).isEqualTo(2);
        assertThat(t.histograms()).isZero();
        assertThat(t.exemplars()).isEqualTo(1);
        // the 1.0 output carries no unknown fields (the rc.4 start timestamp has no 1.0 home)
        assertThat(out.getSamples(0).getUnknownFields().asMap()).isEmpty();
    }

    @Test
    void integerHistogramTranslatesFieldByField() throws Exception {
        RemoteWriteV2.Histogram h = RemoteWriteV2.Histogram.newBuilder()
                .setCountInt(17).setSum(42.5).setSchema(3).setZeroThreshold(1e-128).setZeroCountInt(2)
                .addNegativeSpans(RemoteWriteV2.BucketSpan.newBuilder().setOffset(-2).setLength(2))
                .addAllNegativeDeltas(List.of(1L, -1L))
                .addPositiveSpans(RemoteWriteV2.BucketSpan.newBuilder().setOffset(0).setLength(3))
                .addPositiveSpans(RemoteWriteV2.BucketSpan.newBuilder().setOffset(5).setLength(1))
                .addAllPositiveDeltas(List.of(3L, 2L, -4L, 7L))
                .setResetHint(RemoteWriteV2.Histogram.ResetHint.RESET_HINT_NO)
                .setTimestamp(123456).setStartTimestamp(100000).build();
        RemoteWriteV2.TimeSeries ts = RemoteWriteV2.TimeSeries.newBuilder().addAllLabelsRefs(List.of(1, 2)).addHistograms(h).build();
        V2ToV1Translator.Translation t = translate(requestWith(ts).build());

        RemoteWriteV1.Histogram out = v1(t).getTimeseries(0).getHistograms(0);
        assertThat(out.getCountCase()).isEqualTo(RemoteWriteV1.Histogram.CountCase.COUNT_INT);
        assertThat(out.getCountInt()).isEqualTo(17);
        assertThat(out.getSum()).isEqualTo(42.5);
        assertThat(out.getSchema()).isEqualTo(3);
        assertThat(out.getZeroThreshold()).isEqualTo(1e-128);
        assertThat(out.getZeroCountCase()).isEqualTo(RemoteWriteV1.Histogram.ZeroCountCase.ZERO_COUNT_INT);
        assertThat(out.getZeroCountInt()).isEqualTo(2);
        assertThat(out.getNegativeSpansList()).extracting(RemoteWriteV1.BucketSpan::getOffset, RemoteWriteV1.BucketSpan::getLength)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(-2, 2));
        assertThat(out.getNegativeDeltasList()).containsExactly(1L, -1L);
        assertThat(out.getPositiveSpansList()).extracting(RemoteWriteV1.BucketSpan::getOffset, RemoteWriteV1.BucketSpan::getLength)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 3), org.assertj.core.groups.Tuple.tuple(5, 1));
        assertThat(out.getPositiveDeltasList()).containsExactly(3L, 2L, -4L, 7L);
        assertThat(out.getNegativeCountsList()).isEmpty();
        assertThat(out.getResetHint()).isEqualTo(RemoteWriteV1.Histogram.ResetHint.NO);
        assertThat(out.getTimestamp()).isEqualTo(123456);
        assertThat(t.histograms()).isEqualTo(1);
        assertThat(t.samples()).isZero();
    }

    @Test
    void floatAndCustomBucketHistogramsKeepTheirFloatCountsAndBounds() throws Exception {
        RemoteWriteV2.Histogram h = RemoteWriteV2.Histogram.newBuilder()
                .setCountFloat(9.5).setSum(3).setSchema(-53).setZeroCountFloat(0.5)
                .addPositiveSpans(RemoteWriteV2.BucketSpan.newBuilder().setOffset(0).setLength(3))
                .addAllPositiveCounts(List.of(1.5, 3.0, 5.0))
                .addAllNegativeCounts(List.of(0.25))
                .addAllCustomValues(List.of(0.1, 0.5, 1.0))
                .setResetHint(RemoteWriteV2.Histogram.ResetHint.RESET_HINT_GAUGE)
                .setTimestamp(9).build();
        RemoteWriteV2.TimeSeries ts = RemoteWriteV2.TimeSeries.newBuilder().addAllLabelsRefs(List.of(1, 2)).addHistograms(h).build();
        RemoteWriteV1.Histogram out = v1(translate(requestWith(ts).build())).getTimeseries(0).getHistograms(0);
        assertThat(out.getCountCase()).isEqualTo(RemoteWriteV1.Histogram.CountCase.COUNT_FLOAT);
        assertThat(out.getCountFloat()).isEqualTo(9.5);
        assertThat(out.getZeroCountFloat()).isEqualTo(0.5);
        assertThat(out.getSchema()).isEqualTo(-53);
        assertThat(out.getPositiveCountsList()).containsExactly(1.5, 3.0, 5.0);
        assertThat(out.getNegativeCountsList()).containsExactly(0.25);
        assertThat(out.getCustomValuesList()).containsExactly(0.1, 0.5, 1.0);
        assertThat(out.getResetHint()).isEqualTo(RemoteWriteV1.Histogram.ResetHint.GAUGE);
        assertThat(out.getTimestamp()).isEqualTo(9);
    }

    @Test
    void seriesOrderIsKeptAndMetadataIsDeduplicatedPerFamily() throws Exception {
        RemoteWriteV2.Metadata gauge = RemoteWriteV2.Metadata.newBuilder()
                .setType(RemoteWriteV2.Metadata.MetricType.METRIC_TYPE_GAUGE).build();
        RemoteWriteV2.TimeSeries a = RemoteWriteV2.TimeSeries.newBuilder().addAllLabelsRefs(List.of(1, 2, 3, 4))
                .addSamples(RemoteWriteV2.Sample.newBuilder().setValue(1)).setMetadata(gauge).build();
        RemoteWriteV2.TimeSeries b = RemoteWriteV2.TimeSeries.newBuilder().addAllLabelsRefs(List.of(1, 2, 3, 6))
                .addSamples(RemoteWriteV2.Sample.newBuilder().setValue(2)).setMetadata(gauge).build();
        RemoteWriteV2.TimeSeries noMetadata = RemoteWriteV2.TimeSeries.newBuilder().addAllLabelsRefs(List.of(1, 4))
                .addSamples(RemoteWriteV2.Sample.newBuilder().setValue(3)).build();
        RemoteWriteV1.WriteRequest out = v1(translate(requestWith(a, b, noMetadata).build()));
        assertThat(out.getTimeseriesList()).extracting(s -> s.getSamples(0).getValue()).containsExactly(1.0, 2.0, 3.0);
        assertThat(out.getTimeseries(1).getLabels(1).getValue()).isEqualTo("abc");
        assertThat(out.getMetadataList()).hasSize(1);
        assertThat(out.getMetadata(0).getType()).isEqualTo(RemoteWriteV1.MetricMetadata.MetricType.GAUGE);
    }

    @Test
    void structuralRulesOfTwoPointZeroAreEnforced() {
        RemoteWriteV2.TimeSeries ok = RemoteWriteV2.TimeSeries.newBuilder().addAllLabelsRefs(List.of(1, 2))
                .addSamples(RemoteWriteV2.Sample.newBuilder().setValue(1)).build();
        assertRule(RemoteWriteV2.Request.newBuilder().addSymbols("__name__").addSymbols("x").addTimeseries(ok).build(),
                Rule.SYMBOLS_FIRST_NOT_EMPTY);
        assertRule(requestWith(ok.toBuilder().addLabelsRefs(3).build()).build(), Rule.LABELS_REFS_ODD);
        assertRule(requestWith(ok.toBuilder().setLabelsRefs(1, 99).build()).build(), Rule.SYMBOL_REF_OUT_OF_RANGE);
        assertRule(requestWith(ok.toBuilder().setLabelsRefs(1, -1).build()).build(), Rule.SYMBOL_REF_OUT_OF_RANGE);
        assertRule(requestWith(ok.toBuilder().addHistograms(RemoteWriteV2.Histogram.newBuilder().setCountInt(1)).build()).build(),
                Rule.SAMPLES_AND_HISTOGRAMS);
        assertRule(requestWith(ok.toBuilder().addExemplars(RemoteWriteV2.Exemplar.newBuilder().addLabelsRefs(5)).build()).build(),
                Rule.LABELS_REFS_ODD);
        assertRule(requestWith(ok.toBuilder().setMetadata(RemoteWriteV2.Metadata.newBuilder().setHelpRef(1000)).build()).build(),
                Rule.SYMBOL_REF_OUT_OF_RANGE);
    }

    @Test
    void aOnePointZeroBodyReadAsTwoPointZeroIsEmptyNotAnError() throws Exception {
        // spec: reserved fields 1..3 make a mistaken schema choice decode as an empty message
        byte[] v1 = RemoteWriteV1.WriteRequest.newBuilder().addTimeseries(RemoteWriteV1.TimeSeries.newBuilder()
                .addLabels(RemoteWriteV1.Label.newBuilder().setName("__name__").setValue("up"))).build().toByteArray();
        assertThat(v1(translator.translate(v1, 0, v1.length)).getTimeseriesCount()).isZero();
    }

    @Test
    void invalidProtobufIsMalformed() {
        byte[] garbage = {0x2a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
        assertThatThrownBy(() -> translator.translate(garbage, 0, garbage.length)).isInstanceOf(MalformedRequestException.class);
    }

    @Test
    void aRealisticBatchBecomesExactlyTheBytesProtobufJavaWouldWrite() throws Exception {
        RemoteWriteV1.WriteRequest batch = RemoteWrite.realisticBatch(300, 1_700_000_000_000L);
        byte[] v2 = TwoPointZero.fromV1(batch).toByteArray();
        V2ToV1Translator.Translation t = translator.translate(v2, 0, v2.length);
        assertThat(Arrays.copyOf(t.buffer(), t.length())).isEqualTo(batch.toByteArray());
        assertThat(t.samples()).isEqualTo(300);

        // the buffer is reused: a smaller request next leaves nothing of the larger one behind
        RemoteWriteV1.WriteRequest small = RemoteWrite.realisticBatch(2, 5);
        byte[] v2Small = TwoPointZero.fromV1(small).toByteArray();
        assertThat(v1(translator.translate(v2Small, 0, v2Small.length))).isEqualTo(small);
    }

    @Test
    void unpackedReferencesAndSymbolsAfterTheSeriesAreRead() throws Exception {
        // proto3 writes repeated uint32 packed, but a parser must accept the unpacked form and any field order.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        ByteArrayOutputStream series = new ByteArrayOutputStream();
        CodedOutputStream s = CodedOutputStream.newInstance(series);
        for (int ref : new int[] {1, 2, 3, 4}) {
            s.writeUInt32(1, ref);
        }
        s.writeMessage(2, RemoteWriteV2.Sample.newBuilder().setValue(7).setTimestamp(70).build());
        s.flush();
        out.writeByteArray(5, series.toByteArray());
        writeSymbols(out);
        out.flush();
        byte[] body = bytes.toByteArray();

        RemoteWriteV1.TimeSeries ts = translateNameAndJob(body);
        assertThat(ts.getSamples(0).getValue()).isEqualTo(7);
        assertThat(ts.getSamples(0).getTimestamp()).isEqualTo(70);
    }

    @Test
    void aPackedRunEndingMidPairIsCompletedByAnUnpackedReference() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        writeSymbols(out);
        ByteArrayOutputStream series = new ByteArrayOutputStream();
        CodedOutputStream s = CodedOutputStream.newInstance(series);
        s.writeTag(1, 2);
        s.writeUInt32NoTag(3); // three packed references: __name__, its value, job
        s.writeUInt32NoTag(1);
        s.writeUInt32NoTag(2);
        s.writeUInt32NoTag(3);
        s.writeUInt32(1, 4); // job's value, unpacked
        s.flush();
        out.writeByteArray(5, series.toByteArray());
        out.flush();
        byte[] body = bytes.toByteArray();

        translateNameAndJob(body);
    }

    private static void writeSymbols(CodedOutputStream out) throws Exception {
        for (String symbol : SYMBOLS) {
            out.writeString(4, symbol);
        }
    }

    /** Translates a hand-written body whose one series should read {__name__=..., job="api"}. */
    private RemoteWriteV1.TimeSeries translateNameAndJob(byte[] body) throws Exception {
        RemoteWriteV1.TimeSeries ts = v1(translator.translate(body, 0, body.length)).getTimeseries(0);
        assertThat(ts.getLabelsList()).extracting(RemoteWriteV1.Label::getName, RemoteWriteV1.Label::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("__name__", "http_request_duration_seconds"),
                        org.assertj.core.groups.Tuple.tuple("job", "api"));
        return ts;
    }

    @Test
    void histogramFieldWithTheWrongWireTypeIsMalformed() throws Exception {
        ByteArrayOutputStream histogram = new ByteArrayOutputStream();
        CodedOutputStream h = CodedOutputStream.newInstance(histogram);
        h.writeFixed64(4, 3); // schema is a sint32 varint
        h.flush();
        RemoteWriteV2.TimeSeries ts = RemoteWriteV2.TimeSeries.newBuilder().addAllLabelsRefs(List.of(1, 2))
                .addHistograms(RemoteWriteV2.Histogram.parseFrom(histogram.toByteArray())).build();
        byte[] body = requestWith(ts).build().toByteArray();
        assertThatThrownBy(() -> translator.translate(body, 0, body.length))
                .isInstanceOfSatisfying(MalformedRequestException.class, e -> assertThat(e.tooLarge()).isFalse());
    }

    @Test
    void aRequestThatTranslatesPastTheSizeLimitIsTooLarge() {
        // 200 series referring to one 1,000-byte symbol: small in 2.0, 200 kB in 1.0.
        RemoteWriteV2.Request.Builder b = RemoteWriteV2.Request.newBuilder().addSymbols("").addSymbols("__name__")
                .addSymbols("m").addSymbols("big").addSymbols("x".repeat(1000));
        for (int i = 0; i < 200; i++) {
            b.addTimeseries(RemoteWriteV2.TimeSeries.newBuilder().addAllLabelsRefs(List.of(1, 2, 3, 4))
                    .addSamples(RemoteWriteV2.Sample.newBuilder().setValue(i)));
        }
        byte[] body = b.build().toByteArray();
        V2ToV1Translator small = new V2ToV1Translator(100_000);
        assertThatThrownBy(() -> small.translate(body, 0, body.length))
                .isInstanceOfSatisfying(MalformedRequestException.class, e -> assertThat(e.tooLarge()).isTrue());
    }

    private void assertRule(RemoteWriteV2.Request request, Rule rule) {
        assertThatThrownBy(() -> translate(request)).isInstanceOfSatisfying(RejectedException.class,
                e -> assertThat(e.rule()).isEqualTo(rule));
    }
}
