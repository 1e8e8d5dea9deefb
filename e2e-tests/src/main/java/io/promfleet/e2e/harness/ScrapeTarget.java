package io.promfleet.e2e.harness;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The small target the test controls. Each agent scrapes its own path {@code /metrics/CLUSTER}, and the
 * target answers with {@value #SCRAPES} = the number of scrapes it has served on that path, this one
 * included. So the values an agent stores are 1, 2, 3, ... n: a missing or doubled sample is visible in
 * the values themselves, and {@link #served(String)} is the count the agent scraped.
 */
public final class ScrapeTarget implements AutoCloseable {

    public static final String SCRAPES = "promfleet_e2e_scrapes_total";
    public static final String JOB = "e2e-target";

    private final HttpServer server;
    private final Map<String, AtomicLong> served = new ConcurrentHashMap<>();

    private ScrapeTarget(HttpServer server) {
        this.server = server;
    }

    public static ScrapeTarget start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            ScrapeTarget target = new ScrapeTarget(s);
            s.createContext("/metrics/", exchange -> {
                String cluster = exchange.getRequestURI().getPath().substring("/metrics/".length());
                long n = target.served.computeIfAbsent(cluster, c -> new AtomicLong()).incrementAndGet();
                byte[] body = ("# HELP " + SCRAPES + " Scrapes served to this path, this one included.\n"
                        + "# TYPE " + SCRAPES + " counter\n" + SCRAPES + " " + n + "\n").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            s.setExecutor(Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "e2e-scrape-target");
                t.setDaemon(true);
                return t;
            }));
            s.start();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the scrape target", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Scrapes served to {@code cluster}'s agent so far. */
    public long served(String cluster) {
        AtomicLong n = served.get(cluster);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
