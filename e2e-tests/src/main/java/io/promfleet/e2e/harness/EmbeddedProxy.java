package io.promfleet.e2e.harness;

import io.promfleet.proxy.ReceiverProxy;
import io.promfleet.proxy.config.ProxyConfig;
import io.promfleet.proxy.config.TlsFiles;
import io.promfleet.proxy.config.Upstream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The promfleet receiver-proxy, run in the test JVM on a fixed port so that it can be stopped and started
 * again under the agents' feet. With tenants in the spec, each edge gets its own random bearer token; with
 * {@link PipelineSpec#tls()}, it listens with a certificate of a CA made for the run ({@link #certificates()}).
 */
public final class EmbeddedProxy {

    private final ProxyConfig config;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final ProxyCertificates certificates;
    private volatile ReceiverProxy.Running running;

    public EmbeddedProxy(PipelineSpec spec, String host, int port, URI receiveWriteUrl, URI receiveReadyUrl,
                         Path dir) {
        ProxyConfig.Builder b = ProxyConfig.builder()
                .listen(host, port)
                .upstreams(List.of(new Upstream(receiveWriteUrl, receiveReadyUrl)))
                .eventLoops(2)
                .upstreamTimeout(Duration.ofSeconds(10))
                .shutdownGracePeriod(Duration.ofSeconds(5));
        if (spec.tls()) {
            certificates = ProxyCertificates.create(dir.resolve("proxy/tls"));
            b.listenerTls(new TlsFiles(certificates.cert(), certificates.key(), null));
        } else {
            certificates = null;
        }
        if (spec.authEnabled()) {
            StringBuilder lines = new StringBuilder("# tenant token, written by the e2e harness\n");
            for (EdgeSpec e : spec.edges()) {
                lines.append(e.tenant()).append(' ').append(token(e)).append('\n');
            }
            try {
                Path file = dir.resolve("proxy/tokens");
                Files.createDirectories(file.getParent());
                Files.writeString(file, lines);
                b.tokensFile(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        this.config = b.build();
    }

    /** The edge's bearer token, or {@code null} when it has no tenant. */
    public String token(EdgeSpec edge) {
        if (edge.tenant() == null) {
            return null;
        }
        return tokens.computeIfAbsent(edge.cluster(), c -> {
            byte[] b = new byte[16];
            new SecureRandom().nextBytes(b);
            return HexFormat.of().formatHex(b);
        });
    }

    /** The CA and certificate of its TLS listener, when the spec asks for TLS. */
    public Optional<ProxyCertificates> certificates() {
        return Optional.ofNullable(certificates);
    }

    /** {@code https} with TLS, else {@code http}. */
    public String scheme() {
        return certificates == null ? "http" : "https";
    }

    public int port() {
        return config.listenPort();
    }

    public synchronized void start() {
        if (running == null) {
            running = ReceiverProxy.start(config);
        }
    }

    /** Graceful: requests in flight finish, new ones get 503, then the port closes. */
    public synchronized void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
    }
}
