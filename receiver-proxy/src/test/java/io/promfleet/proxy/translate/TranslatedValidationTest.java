package io.promfleet.proxy.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.promfleet.proxy.config.Limits;
import io.promfleet.proxy.proto.v2.RemoteWriteV2;
import io.promfleet.proxy.validate.RejectedException;
import io.promfleet.proxy.validate.RequestStats;
import io.promfleet.proxy.validate.RequiredLabel;
import io.promfleet.proxy.validate.Rule;
import io.promfleet.proxy.validate.WriteRequestValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A 2.0 request validated while it is translated gets exactly what validating the translated 1.0 bytes
 * gives: the same figures, or the same rule and the same 400 text naming the same series.
 */
class TranslatedValidationTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final RequiredLabel TENANT_ADD = new RequiredLabel("cluster", "c1", true);
    private static final RequiredLabel TENANT_REJECT = new RequiredLabel("cluster", "c1", false);

    /** 0 "", 1 __name__, 2 up, 3 job, 4 node, 5 bad-name, 6 a, 7 cluster, 8 c1, 9 c2, 10 1up, 11 trace_id, 12 invalid UTF-8, 13 zzz */
    private static final List<ByteString> SYMBOLS = List.of(ByteString.EMPTY, bs("__name__"), bs("up"), bs("job"),
            bs("node"), bs("bad-name"), bs("a"), bs("cluster"), bs("c1"), bs("c2"), bs("1up"), bs("trace_id"),
            ByteString.copyFrom(new byte[] {'x', (byte) 0xc3}), bs("zzz"));

    private static ByteString bs(String s) {
        return ByteString.copyFromUtf8(s);
    }

    private static RemoteWriteV2.TimeSeries seriesAt(long timestamp, Integer... refs) {
        return RemoteWriteV2.TimeSeries.newBuilder().addAllLabelsRefs(List.of(refs))
                .addSamples(RemoteWriteV2.Sample.newBuilder().setValue(1).setTimestamp(timestamp)).build();
    }

    private static RemoteWriteV2.TimeSeries series(Integer... refs) {
        return seriesAt(NOW, refs);
    }

    /** The symbol table written by hand: protobuf-java will not build a string field that is not UTF-8. */
    private static byte[] body(RemoteWriteV2.Request.Builder withoutSymbols) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            for (ByteString symbol : SYMBOLS) {
                out.writeBytes(4, symbol);
            }
            withoutSymbols.build().writeTo(out);
            out.flush();
            return bytes.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Arguments request(String name, Rule rule, RequiredLabel required, RemoteWriteV2.TimeSeries... series) {
        RemoteWriteV2.Request.Builder b = RemoteWriteV2.Request.newBuilder();
        for (RemoteWriteV2.TimeSeries s : series) {
            b.addTimeseries(s);
        }
        return Arguments.of(name, rule, required, body(b));
    }

    static Stream<Arguments> requests() {
        RemoteWriteV2.TimeSeries good = series(1, 2, 3, 4);
        List<Arguments> all = new ArrayList<>(List.of(
                request("valid", null, null, good, series(1, 2, 3, 6), good),
                request("valid, tenant label added", null, TENANT_ADD, good, series(1, 2, 7, 8, 3, 4)),
                request("tenant label missing", Rule.TENANT_LABEL_MISSING, TENANT_REJECT, series(1, 2, 7, 8), good),
                request("tenant label mismatch", Rule.TENANT_LABEL_MISMATCH, TENANT_ADD, good, series(1, 2, 7, 9)),
                request("invalid name after known names", Rule.LABEL_NAME_INVALID, null, good, good, series(1, 2, 3, 4, 5, 6)),
                request("invalid name in place of a known one", Rule.LABEL_NAME_INVALID, null, good, series(1, 2, 5, 4)),
                request("unsorted", Rule.LABELS_UNSORTED, null, good, series(3, 4, 1, 2)),
                request("unsorted, names known valid", Rule.LABELS_UNSORTED, null, series(1, 2, 3, 4, 13, 6), series(1, 2, 13, 6, 3, 4)),
                request("duplicate", Rule.LABEL_NAME_DUPLICATE, null, good, series(1, 2, 3, 4, 3, 6)),
                request("empty name", Rule.LABEL_NAME_EMPTY, null, series(1, 2, 0, 4)),
                request("empty value", Rule.LABEL_VALUE_EMPTY, null, good, series(1, 2, 3, 0)),
                request("value not UTF-8", Rule.LABEL_VALUE_INVALID_UTF8, null, good, series(1, 2, 3, 12)),
                request("value UTF-8 in one series, then not", Rule.LABEL_VALUE_INVALID_UTF8, null, series(1, 2, 3, 4), series(1, 2, 3, 12)),
                request("metric name missing", Rule.METRIC_NAME_MISSING, null, good, series(3, 4)),
                request("metric name invalid", Rule.METRIC_NAME_INVALID, null, good, series(1, 10, 3, 4)),
                request("metric name valid, then invalid", Rule.METRIC_NAME_INVALID, null, series(1, 2, 3, 10), series(1, 10, 3, 10)),
                request("timestamp in future", Rule.TIMESTAMP_IN_FUTURE, null, good, seriesAt(NOW + 3_600_000_000L, 1, 2, 3, 4)),
                request("two faults: the first series' wins", Rule.METRIC_NAME_INVALID, null, good, series(1, 10), series(1, 2, 5, 6)),
                request("exemplar label invalid", Rule.EXEMPLAR_LABEL_NAME_INVALID, null, good, RemoteWriteV2.TimeSeries.newBuilder(good)
                        .addExemplars(RemoteWriteV2.Exemplar.newBuilder().addAllLabelsRefs(List.of(5, 6))).build()),
                request("exemplar value not UTF-8", Rule.EXEMPLAR_LABEL_VALUE_INVALID_UTF8, null, RemoteWriteV2.TimeSeries.newBuilder(good)
                        .addExemplars(RemoteWriteV2.Exemplar.newBuilder().addAllLabelsRefs(List.of(11, 12))).build()),
                request("label fault, then a structural one", Rule.LABELS_REFS_ODD, null, series(1, 10), series(1, 2, 3))));
        Integer[] many = new Integer[2 + 2 * 40];
        many[0] = 1;
        many[1] = 2;
        for (int i = 2; i < many.length; i += 2) {
            many[i] = 3;
            many[i + 1] = 4;
        }
        all.add(request("too many labels", Rule.TOO_MANY_LABELS, null, good, series(many)));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void sameAnswerAsValidatingTheTranslation(String name, Rule rule, RequiredLabel required, byte[] body) throws Exception {
        Object expected;
        try {
            V2ToV1Translator.Translation t = new V2ToV1Translator(Limits.DEFAULTS.maxDecompressedBytes())
                    .translate(body, 0, body.length);
            expected = new WriteRequestValidator(Limits.DEFAULTS).validate(t.buffer(), 0, t.length(), required, NOW);
        } catch (RejectedException e) {
            expected = e.rule() + " " + e.getMessage();
        }
        Object actual;
        try {
            actual = new V2ToV1Translator(Limits.DEFAULTS.maxDecompressedBytes())
                    .translate(body, 0, body.length, new WriteRequestValidator(Limits.DEFAULTS), required, NOW).stats();
        } catch (RejectedException e) {
            actual = e.rule() + " " + e.getMessage();
        }
        assertThat(actual).isEqualTo(expected);
        if (rule == null) {
            assertThat(actual).isInstanceOf(RequestStats.class);
        } else {
            assertThat((String) actual).startsWith(rule + " ");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void oneValidatorServesRequestAfterRequest(String name, Rule rule, RequiredLabel required, byte[] body) throws Exception {
        // A validator and translator reused across requests (as per event loop) keep no state between them.
        V2ToV1Translator translator = new V2ToV1Translator(Limits.DEFAULTS.maxDecompressedBytes());
        WriteRequestValidator validator = new WriteRequestValidator(Limits.DEFAULTS);
        Object first = answer(translator, validator, body, required);
        for (Arguments other : requests().toList()) {
            byte[] otherBody = (byte[]) other.get()[3];
            answer(translator, validator, otherBody, (RequiredLabel) other.get()[2]);
        }
        assertThat(answer(translator, validator, body, required)).isEqualTo(first);
    }

    private static Object answer(V2ToV1Translator translator, WriteRequestValidator validator, byte[] body,
            RequiredLabel required) throws Exception {
        try {
            return translator.translate(body, 0, body.length, validator, required, NOW).stats();
        } catch (RejectedException e) {
            return e.rule() + " " + e.getMessage();
        }
    }

    @org.junit.jupiter.api.Test
    void structuralFaultWinsOverAnEarlierLabelFault() {
        byte[] body = body(RemoteWriteV2.Request.newBuilder()
                .addTimeseries(series(1, 10)).addTimeseries(series(1, 2, 3)));
        assertThatThrownBy(() -> new V2ToV1Translator(Limits.DEFAULTS.maxDecompressedBytes())
                .translate(body, 0, body.length, new WriteRequestValidator(Limits.DEFAULTS), null, NOW))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.rule()).isEqualTo(Rule.LABELS_REFS_ODD));
    }
}
