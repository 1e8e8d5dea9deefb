package io.promfleet.proxy.tenant;

import static io.promfleet.proxy.support.RemoteWrite.V1_CONTENT_TYPE;
import static io.promfleet.proxy.support.RemoteWrite.request;
import static io.promfleet.proxy.support.RemoteWrite.series;
import static io.promfleet.proxy.support.RemoteWrite.snappy;
import static org.assertj.core.api.Assertions.assertThat;

import io.promfleet.proxy.ReceiverProxy;
import io.promfleet.proxy.support.ProxyClient;
import io.promfleet.proxy.support.ProxyFixture;
import io.promfleet.proxy.support.RecordingUpstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running proxy picks up a rotated token file by itself: the new token is let in, the old one
 * turned away. Waits are deadlines on the observable outcome, never sleeps of a guessed length.
 */
class TokenReloadTest {

    @Test
    void aRotatedTokenFileIsPickedUpWhileRunning(@TempDir Path dir) throws Exception {
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, "edge-1 old-token\n");
        try (RecordingUpstream upstream = RecordingUpstream.start();
             ReceiverProxy.Running proxy = startReloading(upstream, tokens)) {
            ProxyClient client = new ProxyClient(proxy.port());
            assertThat(post(client, "old-token")).isEqualTo(200);
            assertThat(post(client, "new-token")).isEqualTo(401);

            replace(dir, tokens, "edge-1 new-token\nedge-2 other-token\n");

            ProxyFixture.awaitTrue("the new token is accepted", () -> post(client, "new-token") == 200);
            assertThat(post(client, "old-token")).isEqualTo(401);
            assertThat(post(client, "other-token")).isEqualTo(200);
            assertThat(upstream.last().header("THANOS-TENANT")).isEqualTo("edge-2");
        }
    }

    @Test
    void aBrokenRotationKeepsTheTokensInForceUntilAGoodFileComes(@TempDir Path dir) throws Exception {
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, "edge-1 old-token\n");
        try (RecordingUpstream upstream = RecordingUpstream.start();
             ReceiverProxy.Running proxy = startReloading(upstream, tokens)) {
            ProxyClient client = new ProxyClient(proxy.port());
            replace(dir, tokens, "this line has three fields\n");
            ProxyFixture.awaitTrue("a reload of the broken file failed", () -> client.get("/metrics").body()
                    .contains("promfleet_proxy_token_reloads_total{result=\"failed\"}"));
            assertThat(post(client, "old-token")).isEqualTo(200);
            assertThat(client.get("/metrics").body()).doesNotContain("old-token").doesNotContain("three fields");

            replace(dir, tokens, "edge-1 new-token\n");
            ProxyFixture.awaitTrue("the new token is accepted", () -> post(client, "new-token") == 200);
            assertThat(post(client, "old-token")).isEqualTo(401);
        }
    }

    private static ReceiverProxy.Running startReloading(RecordingUpstream upstream, Path tokens) {
        return ProxyFixture.start(upstream.url(), b -> b.tokensFile(tokens).tokensReloadInterval(Duration.ofMillis(50)));
    }

    /** As a Kubernetes Secret volume does it: the whole file is replaced, never seen half-written. */
    private static void replace(Path dir, Path tokens, String content) throws Exception {
        Path next = dir.resolve("tokens.next");
        Files.writeString(next, content);
        Files.move(next, tokens, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int post(ProxyClient client, String token) {
        byte[] body = snappy(request(series(System.currentTimeMillis(), 1, "__name__", "up")).toByteArray());
        return client.post(body, V1_CONTENT_TYPE, "Authorization", "Bearer " + token).statusCode();
    }
}
