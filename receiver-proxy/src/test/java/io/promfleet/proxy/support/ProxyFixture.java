package io.promfleet.proxy.support;

import io.promfleet.proxy.ReceiverProxy;
import io.promfleet.proxy.config.ProxyConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Starts a proxy on an ephemeral loopback port in front of the given upstream URLs. */
public final class ProxyFixture {

    private ProxyFixture() {
    }

    public static ReceiverProxy.Running start(String upstreams, Consumer<ProxyConfig.Builder> customize) {
        ProxyConfig.Builder b = ProxyConfig.builder()
                .listen("127.0.0.1", 0)
                .upstreamUrls(upstreams)
                .eventLoops(1)
                .upstreamTimeout(Duration.ofSeconds(5))
                .shutdownGracePeriod(Duration.ofSeconds(10));
        customize.accept(b);
        return ReceiverProxy.start(b.build());
    }

    /** A loopback URL where nothing listens: connecting is refused. */
    public static String refusingUrl() {
        try (ServerSocket s = new ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort() + "/api/v1/receive";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for a condition that another thread makes true; fails after 10 s (a hang, not a slow machine). */
    public static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("never happened: " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
