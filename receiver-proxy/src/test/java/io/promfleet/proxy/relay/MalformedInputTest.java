package io.promfleet.proxy.relay;

import static io.promfleet.proxy.support.RemoteWrite.V1_CONTENT_TYPE;
import static io.promfleet.proxy.support.RemoteWrite.V2_CONTENT_TYPE;
import static io.promfleet.proxy.support.RemoteWrite.snappy;
import static org.assertj.core.api.Assertions.assertThat;

import io.promfleet.proxy.ReceiverProxy;
import io.promfleet.proxy.config.Limits;
import io.promfleet.proxy.support.ProxyClient;
import io.promfleet.proxy.support.ProxyFixture;
import io.promfleet.proxy.support.RecordingUpstream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The malformed-input corpus: each body gets a 4xx (never a 5xx, never a crash), nothing reaches the
 * upstream, and the proxy keeps serving. One proxy for the whole corpus, so a case that corrupted its
 * state would fail the cases after it.
 */
class MalformedInputTest {

    private static final Limits LIMITS = new Limits(1 << 20, 4 << 20, 1000, 1000, 30, 1024, 2048, Duration.ofMinutes(10));

    private static RecordingUpstream upstream;
    private static ReceiverProxy.Running proxy;
    private static ProxyClient client;

    @BeforeAll
    static void start() {
        upstream = RecordingUpstream.start();
        proxy = ProxyFixture.start(upstream.url(), b -> b.limits(LIMITS));
        client = new ProxyClient(proxy.port());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        upstream.close();
    }

    @AfterEach
    void proxyStillServesAndRelayedNothing() {
        assertThat(upstream.received()).isEmpty();
        assertThat(client.get("/-/healthy").statusCode()).isEqualTo(200);
        assertThat(proxy.inFlight()).isZero();
    }

    static Stream<Arguments> corpus() {
        byte[] valid = snappy(io.promfleet.proxy.support.RemoteWrite.request(
                io.promfleet.proxy.support.RemoteWrite.series(1, 1, "__name__", "up")).toByteArray());
        byte[] fourGiB = new byte[100];
        System.arraycopy(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}, 0, fourGiB, 0, 5);
        byte[] random = new byte[4096];
        new Random(42).nextBytes(random);
        return Stream.of(
                Arguments.of("empty body", new byte[0], V1_CONTENT_TYPE, 400),
                Arguments.of("truncated snappy", Arrays.copyOf(valid, valid.length - 3), V1_CONTENT_TYPE, 400),
                Arguments.of("length header claims 4 GiB", fourGiB, V1_CONTENT_TYPE, 413),
                Arguments.of("length header claims less", lieShort(valid), V1_CONTENT_TYPE, 400),
                Arguments.of("real body over the decompressed limit", snappy(new byte[5 << 20]), V1_CONTENT_TYPE, 413),
                Arguments.of("framed snappy", framed(), V1_CONTENT_TYPE, 400),
                Arguments.of("random bytes", random, V1_CONTENT_TYPE, 400),
                Arguments.of("invalid protobuf varint", snappy(new byte[] {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                        (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}),
                        V1_CONTENT_TYPE, 400),
                Arguments.of("wrong field type", snappy(new byte[] {0x08, 0x01}), V1_CONTENT_TYPE, 400),
                Arguments.of("length past the end", snappy(new byte[] {0x0a, 0x7f, 0x0a, 0x00}), V1_CONTENT_TYPE, 400),
                Arguments.of("huge declared submessage", snappy(new byte[] {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                        (byte) 0xff, 0x07, 0x00}), V1_CONTENT_TYPE, 400),
                Arguments.of("deeply nested groups (1.0)", snappy(nestedGroups(5000)), V1_CONTENT_TYPE, 400),
                Arguments.of("deeply nested groups (2.0)", snappy(nestedGroups(5000)), V2_CONTENT_TYPE, 400),
                Arguments.of("deeply nested series messages", snappy(nestedMessages(5000)), V1_CONTENT_TYPE, 400),
                Arguments.of("random bytes as 2.0", snappy(random), V2_CONTENT_TYPE, 400),
                Arguments.of("2.0 symbol table out of range", snappy(new byte[] {0x22, 0x00, 0x2a, 0x03, 0x0a, 0x01, 0x09}),
                        V2_CONTENT_TYPE, 400),
                Arguments.of("wrong content type", valid, "text/plain", 415),
                Arguments.of("unknown proto", valid, "application/x-protobuf;proto=io.prometheus.write.v9.Request", 415));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("corpus")
    void malformedBodiesGetA4xx(String name, byte[] body, String contentType, int expected) {
        HttpResponse<String> r = client.post(body, contentType);
        assertThat(r.statusCode()).as(name + ": " + r.body()).isEqualTo(expected);
        assertThat(r.body()).isNotBlank();
    }

    private static byte[] lieShort(byte[] valid) {
        byte[] copy = valid.clone();
        copy[0] = 2;
        return copy;
    }

    private static byte[] framed() {
        return new byte[] {(byte) 0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y', 0x01, 0x09, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
    }

    /** Unknown field 9 as start-group, {@code depth} deep: skipping it recurses. */
    private static byte[] nestedGroups(int depth) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < depth; i++) {
            out.write((9 << 3) | 3);
        }
        for (int i = 0; i < depth; i++) {
            out.write((9 << 3) | 4);
        }
        return out.toByteArray();
    }

    /** A TimeSeries whose label holds a TimeSeries whose label holds ...: bytes, not recursion, for the scanner. */
    private static byte[] nestedMessages(int depth) {
        byte[] inner = {0x0a, 0x00};
        for (int i = 0; i < depth && inner.length < 100_000; i++) {
            byte[] tag = varintPrefixed(0x0a, inner.length);
            byte[] next = new byte[tag.length + inner.length];
            System.arraycopy(tag, 0, next, 0, tag.length);
            System.arraycopy(inner, 0, next, tag.length, inner.length);
            inner = next;
        }
        return inner;
    }

    private static byte[] varintPrefixed(int tag, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int v = length;
        while ((v & ~0x7f) != 0) {
            out.write((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write(v);
        return out.toByteArray();
    }
}
