package io.promfleet.cli.proxy;

import io.promfleet.proxy.ReceiverProxy;
import io.promfleet.proxy.config.ConfigException;
import io.promfleet.proxy.config.ProxyConfig;
import io.promfleet.proxy.config.TlsFiles;
import io.promfleet.proxy.config.YamlConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code promfleet proxy}: runs the remote-write receiver-proxy in front of Thanos Receive until
 * SIGTERM/SIGINT, then shuts down gracefully (in-flight requests are finished first). Flags override
 * the YAML file given by {@code --config}; a bad flag or file is exit code 2 with one clear line.
 */
@Command(
        name = "proxy",
        mixinStandardHelpOptions = true,
        description = "Relays Prometheus remote-write (1.0 and 2.0) into Thanos Receive, validating each request "
                + "and enforcing tenants.")
public final class ProxyCommand implements Callable<Integer> {

    static final int EXIT_INPUT_ERROR = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Address to listen on (default 0.0.0.0:19291).")
    String listen;

    @Option(names = "--upstream", paramLabel = "URL[,URL...]",
            description = "Thanos Receive remote-write URL(s), tried in turn on failure.")
    String upstream;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file; flags override it.")
    Path config;

    @Option(names = "--tokens-file", paramLabel = "FILE",
            description = "Bearer tokens, one 'TENANT TOKEN' per line; turns authentication on. Reloaded on change.")
    Path tokensFile;

    @Option(names = "--tenant-header", paramLabel = "NAME", description = "Tenant header set towards the upstream "
            + "(default THANOS-TENANT); the client's own value is always replaced.")
    String tenantHeader;

    @Option(names = "--default-tenant", paramLabel = "TENANT", description = "Tenant when authentication is off.")
    String defaultTenant;

    @Option(names = "--max-in-flight", paramLabel = "N", description = "Requests processed at once; past it, 503.")
    Integer maxInFlight;

    @Option(names = "--upstream-timeout", paramLabel = "DURATION", description = "e.g. 30s; a silent upstream becomes 503.")
    String upstreamTimeout;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Listener certificate (with --tls-key).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "Listener private key.")
    Path tlsKey;

    @Option(names = "--tls-client-ca", paramLabel = "PEM",
            description = "CA for client certificates (mTLS); the certificate's CN names the tenant.")
    Path tlsClientCa;

    @Option(names = "--upstream-ca", paramLabel = "PEM", description = "CA to trust for https upstreams.")
    Path upstreamCa;

    @Override
    public Integer call() throws InterruptedException {
        ProxyConfig proxyConfig;
        try {
            proxyConfig = buildConfig();
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("promfleet proxy: error: " + e.getMessage());
            return EXIT_INPUT_ERROR;
        }
        ReceiverProxy.Running running;
        try {
            running = ReceiverProxy.start(proxyConfig);
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("promfleet proxy: error: " + e.getMessage());
            return EXIT_INPUT_ERROR;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "promfleet-proxy-shutdown"));
        spec.commandLine().getOut().println("promfleet proxy: listening on port " + running.port());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }

    private static <T> void ifSet(T flag, java.util.function.Consumer<T> apply) {
        if (flag != null) {
            apply.accept(flag);
        }
    }

    ProxyConfig buildConfig() {
        ProxyConfig.Builder b = config != null ? YamlConfigLoader.load(config) : ProxyConfig.builder();
        // Each flag given overrides the file; absent flags leave the file's (or the default) value.
        ifSet(listen, b::listen);
        ifSet(upstream, b::upstreamUrls);
        ifSet(tokensFile, b::tokensFile);
        ifSet(tenantHeader, b::tenantHeader);
        ifSet(defaultTenant, b::defaultTenant);
        ifSet(maxInFlight, b::maxInFlightRequests);
        if (upstreamTimeout != null) {
            b.upstreamTimeout(YamlConfigLoader.parseDuration("--upstream-timeout", upstreamTimeout));
        }
        if (tlsCert != null || tlsKey != null || tlsClientCa != null) {
            try {
                b.listenerTls(new TlsFiles(tlsCert, tlsKey, tlsClientCa));
            } catch (ConfigException e) {
                throw new ConfigException("--tls-cert/--tls-key: must be given together");
            }
        }
        if (upstreamCa != null) {
            b.upstreamTls(new TlsFiles(null, null, upstreamCa));
        }
        try {
            return b.build();
        } catch (ConfigException e) {
            if (e.getMessage().startsWith("upstreams:")) {
                throw new ConfigException("--upstream: at least one upstream URL is required (or 'upstreams' in --config)");
            }
            throw e;
        }
    }
}
