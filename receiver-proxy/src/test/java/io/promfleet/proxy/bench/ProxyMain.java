package io.promfleet.proxy.bench;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.promfleet.proxy.ReceiverProxy;
import io.promfleet.proxy.config.ProxyConfig;
import java.util.concurrent.CountDownLatch;

/** The proxy in its own JVM for {@link LoadGenerator}: {@code ProxyMain UPSTREAM_URL EVENT_LOOPS}; prints {@code PORT n}. */
public final class ProxyMain {

    private ProxyMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ReceiverProxy.Running proxy = ReceiverProxy.start(ProxyConfig.builder()
                .listen("127.0.0.1", 0).upstreamUrls(args[0]).eventLoops(Integer.parseInt(args[1]))
                .maxInFlightRequests(1024).build());
        // GC pauses on /metrics, so the generator can put them next to the latency it measured.
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(proxy.meterRegistry());
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            proxy.close();
            gc.close();
            done.countDown();
        }));
        System.out.println("PORT " + proxy.port());
        System.out.flush();
        done.await();
    }
}
