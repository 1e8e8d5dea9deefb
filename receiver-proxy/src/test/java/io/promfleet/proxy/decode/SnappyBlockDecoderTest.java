package io.promfleet.proxy.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promfleet.proxy.support.RemoteWrite;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SnappyBlockDecoderTest {

    private final SnappyBlockDecoder decoder = new SnappyBlockDecoder(1 << 20);

    @Test
    void roundTripsABlock() throws Exception {
        byte[] raw = "hello remote write".repeat(100).getBytes(StandardCharsets.UTF_8);
        byte[] compressed = RemoteWrite.snappy(raw);
        assertThat(decoder.decompress(compressed, 0, compressed.length)).isEqualTo(raw);
    }

    @Test
    void honoursOffsetIntoALargerArray() throws Exception {
        byte[] raw = "abc".repeat(50).getBytes(StandardCharsets.UTF_8);
        byte[] compressed = RemoteWrite.snappy(raw);
        byte[] padded = new byte[compressed.length + 7];
        System.arraycopy(compressed, 0, padded, 5, compressed.length);
        assertThat(decoder.decompress(padded, 5, compressed.length)).isEqualTo(raw);
    }

    @Test
    void aHundredBytesClaimingFourGibibytesAllocatesNothingLarge() {
        byte[] lying = new byte[100];
        // varint 0xFFFFFFFF: the header of a 4 GiB block
        lying[0] = (byte) 0xff;
        lying[1] = (byte) 0xff;
        lying[2] = (byte) 0xff;
        lying[3] = (byte) 0xff;
        lying[4] = 0x0f;
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(() -> decoder.decompress(lying, 0, lying.length))
                .isInstanceOfSatisfying(MalformedRequestException.class, e -> {
                    assertThat(e.tooLarge()).isTrue();
                    assertThat(e.reason()).isEqualTo("decompressed-too-large");
                });
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).isLessThan(256 * 1024);
    }

    @Test
    void headerClaimingLessThanTheDataIsRejected() {
        byte[] raw = "0123456789".repeat(20).getBytes(StandardCharsets.UTF_8);
        byte[] compressed = RemoteWrite.snappy(raw);
        compressed[0] = 10; // says 10 bytes, the data expands to 200
        assertThatThrownBy(() -> decoder.decompress(compressed, 0, compressed.length))
                .isInstanceOf(MalformedRequestException.class).hasMessageContaining("snappy");
    }

    @Test
    void theReusingDecoderOverwritesItsOwnArrayAndReportsTheLength() throws Exception {
        byte[] big = "first request ".repeat(100).getBytes(StandardCharsets.UTF_8);
        byte[] small = "second".getBytes(StandardCharsets.UTF_8);
        SnappyBlockDecoder.Block first = decoder.decompressReusing(RemoteWrite.snappy(big), 0, RemoteWrite.snappy(big).length);
        assertThat(Arrays.copyOf(first.bytes(), first.length())).isEqualTo(big);
        byte[] compressed = RemoteWrite.snappy(small);
        SnappyBlockDecoder.Block second = decoder.decompressReusing(compressed, 0, compressed.length);
        assertThat(second.bytes()).isSameAs(first.bytes());
        assertThat(second.length()).isEqualTo(small.length);
        assertThat(Arrays.copyOf(second.bytes(), second.length())).isEqualTo(small);
    }

    @Test
    void aLyingHeaderWritesNothingPastItsDeclaredLengthIntoTheReusedArray() throws Exception {
        byte[] earlier = "A".repeat(1000).getBytes(StandardCharsets.UTF_8);
        byte[] earlierCompressed = RemoteWrite.snappy(earlier);
        byte[] reused = decoder.decompressReusing(earlierCompressed, 0, earlierCompressed.length).bytes();
        byte[] lying = RemoteWrite.snappy("B".repeat(200).getBytes(StandardCharsets.UTF_8));
        lying[0] = 10; // says 10 bytes, the data expands to 200: the array has room for 1000
        assertThatThrownBy(() -> decoder.decompressReusing(lying, 0, lying.length))
                .isInstanceOfSatisfying(MalformedRequestException.class, e -> assertThat(e.reason()).isEqualTo("snappy-invalid"));
        assertThat(new String(reused, 10, 990, StandardCharsets.UTF_8)).isEqualTo("A".repeat(990));
    }

    @Test
    void anArrayOverTheRetainedSizeIsNotKeptForTheNextRequest() throws Exception {
        SnappyBlockDecoder roomy = new SnappyBlockDecoder(2L * SnappyBlockDecoder.RETAINED_BYTES);
        byte[] huge = new byte[SnappyBlockDecoder.RETAINED_BYTES + 1];
        byte[] hugeCompressed = RemoteWrite.snappy(huge);
        byte[] hugeArray = roomy.decompressReusing(hugeCompressed, 0, hugeCompressed.length).bytes();
        byte[] small = RemoteWrite.snappy("small".getBytes(StandardCharsets.UTF_8));
        SnappyBlockDecoder.Block next = roomy.decompressReusing(small, 0, small.length);
        assertThat(next.bytes()).isNotSameAs(hugeArray);
        assertThat(next.bytes().length).isLessThanOrEqualTo(SnappyBlockDecoder.RETAINED_BYTES);
    }

    @Test
    void truncatedBlockIsRejected() {
        byte[] compressed = RemoteWrite.snappy("x".repeat(5000).getBytes(StandardCharsets.UTF_8));
        byte[] truncated = Arrays.copyOf(compressed, compressed.length / 2);
        assertThatThrownBy(() -> decoder.decompress(truncated, 0, truncated.length))
                .isInstanceOfSatisfying(MalformedRequestException.class, e -> assertThat(e.tooLarge()).isFalse());
    }

    @Test
    void framedFormatIsNamedAsSuch() {
        byte[] framed = {(byte) 0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y', 0x01, 0x05, 0, 0, 0, 0, 0, 'a'};
        assertThatThrownBy(() -> decoder.decompress(framed, 0, framed.length))
                .isInstanceOfSatisfying(MalformedRequestException.class,
                        e -> assertThat(e.reason()).isEqualTo("snappy-framed"));
    }

    @Test
    void emptyAndHeaderOnlyBodiesAreRejected() throws Exception {
        assertThatThrownBy(() -> decoder.decompress(new byte[0], 0, 0))
                .isInstanceOfSatisfying(MalformedRequestException.class, e -> assertThat(e.reason()).isEqualTo("empty-body"));
        byte[] endlessVarint = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80};
        assertThatThrownBy(() -> decoder.decompress(endlessVarint, 0, endlessVarint.length))
                .isInstanceOf(MalformedRequestException.class);
        byte[] cutVarint = {(byte) 0x80};
        assertThatThrownBy(() -> decoder.decompress(cutVarint, 0, 1)).isInstanceOf(MalformedRequestException.class);
    }

    @Test
    void contentTypesAreNegotiatedAsTheSpecSays() {
        assertThat(ContentNegotiation.protocolOf("application/x-protobuf")).isEqualTo(Protocol.V1);
        assertThat(ContentNegotiation.protocolOf("application/x-protobuf;proto=prometheus.WriteRequest")).isEqualTo(Protocol.V1);
        assertThat(ContentNegotiation.protocolOf("application/x-protobuf; proto=io.prometheus.write.v2.Request"))
                .isEqualTo(Protocol.V2);
        assertThat(ContentNegotiation.protocolOf("Application/X-Protobuf;Proto=\"io.prometheus.write.v2.Request\""))
                .isEqualTo(Protocol.V2);
        assertThat(ContentNegotiation.protocolOf("application/x-protobuf;proto=io.prometheus.write.v3.Request")).isNull();
        assertThat(ContentNegotiation.protocolOf("application/json")).isNull();
        assertThat(ContentNegotiation.protocolOf(null)).isNull();
        assertThat(ContentNegotiation.encodingSupported("snappy")).isTrue();
        assertThat(ContentNegotiation.encodingSupported("gzip")).isFalse();
        assertThat(ContentNegotiation.encodingSupported(null)).isFalse();
    }
}
