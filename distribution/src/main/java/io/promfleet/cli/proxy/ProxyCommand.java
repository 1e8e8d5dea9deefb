package io.promfleet.cli.proxy;

import io.promfleet.proxy.ReceiverProxy;
import io.promfleet.proxy.config.ConfigException;
import io.promfleet.proxy.config.ProxyConfig;
import io.promfleet.proxy.config.TlsFiles;
import io.promfleet.proxy.config.Upstream;
import io.promfleet.proxy.config.YamlConfigLoader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code promfleet proxy}: runs the remote-write receiver-proxy in front of Thanos Receive until
 * SIGTERM/SIGINT, then shuts down gracefully (in-flight requests are finished first). Flags override
 * the YAML file given by {@code --config}. A refused flag value is a usage error naming the flag, a bad
 * file one clear line naming the file and field; both exit 2.
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

    @Option(names = "--upstream-ready", paramLabel = "URL[,URL...]",
            description = "Readiness URL of each upstream, in the order of --upstream (default: the upstream's origin "
                    + "+ /-/ready; Thanos Receive answers it on its HTTP port, 10902 by default, not on 19291).")
    String upstreamReady;

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

    @Option(names = "--upstream-timeout", paramLabel = "DURATION", converter = DurationFlag.class,
            description = "e.g. 30s; a silent upstream becomes 503.")
    Duration upstreamTimeout;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationFlag.class,
            description = "Time to open a connection to an upstream (default 5s).")
    Duration connectTimeout;

    @Option(names = "--retry-after-seconds", paramLabel = "N",
            description = "Retry-After on a 503 when the upstream gave none (default 1).")
    Integer retryAfterSeconds;

    @Option(names = "--event-loops", paramLabel = "N", description = "Event-loop threads (default: one per core).")
    Integer eventLoops;

    @Option(names = "--shutdown-grace-period", paramLabel = "DURATION", converter = DurationFlag.class,
            description = "On SIGTERM, how long in-flight requests may take to finish (default 30s).")
    Duration shutdownGracePeriod;

    @Option(names = "--readiness-cache-ttl", paramLabel = "DURATION", converter = DurationFlag.class,
            description = "How long /-/ready reuses an upstream probe's verdict (default 1s; 0s probes on every call).")
    Duration readinessCacheTtl;

    @Option(names = "--tokens-reload-interval", paramLabel = "DURATION", converter = DurationFlag.class,
            description = "How often the tokens file is checked for changes (default 10s).")
    Duration tokensReloadInterval;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Listener certificate (with --tls-key).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "Listener private key.")
    Path tlsKey;

    @Option(names = "--tls-client-ca", paramLabel = "PEM",
            description = "CA for client certificates (mTLS); the certificate's CN names the tenant.")
    Path tlsClientCa;

    @Option(names = "--upstream-ca", paramLabel = "PEM", description = "CA to trust for https upstreams.")
    Path upstreamCa;

    @Option(names = "--upstream-cert", paramLabel = "PEM",
            description = "Client certificate presented to https upstreams (with --upstream-key).")
    Path upstreamCert;

    @Option(names = "--upstream-key", paramLabel = "PEM", description = "Private key of --upstream-cert.")
    Path upstreamKey;

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
        ifSet(upstreamTimeout, b::upstreamTimeout);
        ifSet(connectTimeout, b::connectTimeout);
        ifSet(retryAfterSeconds, b::retryAfterSeconds);
        ifSet(eventLoops, b::eventLoops);
        ifSet(shutdownGracePeriod, b::shutdownGracePeriod);
        ifSet(readinessCacheTtl, b::readinessCacheTtl);
        ifSet(tokensReloadInterval, b::tokensReloadInterval);
        if (tlsCert != null || tlsKey != null || tlsClientCa != null) {
            try {
                b.listenerTls(new TlsFiles(tlsCert, tlsKey, tlsClientCa));
            } catch (ConfigException e) {
                throw new ConfigException("--tls-cert/--tls-key: must be given together");
            }
        }
        if (upstreamCa != null || upstreamCert != null || upstreamKey != null) {
            try {
                b.upstreamTls(new TlsFiles(upstreamCert, upstreamKey, upstreamCa));
            } catch (ConfigException e) {
                throw new ConfigException("--upstream-cert/--upstream-key: must be given together");
            }
        }
        ProxyConfig built = build(b);
        if (upstreamReady == null) {
            return built;
        }
        return build(b.upstreams(withReadyUrls(built.upstreams())));
    }

    private ProxyConfig build(ProxyConfig.Builder b) {
        try {
            return b.build();
        } catch (ConfigException e) {
            if (e.getMessage().startsWith("upstreams:")) {
                throw new ConfigException("--upstream: at least one upstream URL is required (or 'upstreams' in --config)");
            }
            throw flagged(e);
        }
    }

    /** Pairs {@code --upstream-ready} with the upstreams (from the flag or the file) by position. */
    private List<Upstream> withReadyUrls(List<Upstream> upstreams) {
        List<String> urls = Arrays.stream(upstreamReady.split(",")).map(String::trim).filter(u -> !u.isEmpty()).toList();
        if (urls.size() != upstreams.size()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--upstream-ready: " + urls.size()
                    + " URL(s) for " + upstreams.size() + " upstream(s); give one per upstream, in the same order");
        }
        List<Upstream> paired = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            try {
                paired.add(new Upstream(upstreams.get(i).writeUrl(), URI.create(urls.get(i))));
            } catch (IllegalArgumentException | ConfigException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--upstream-ready: not an absolute "
                        + "http(s) URL: " + urls.get(i));
            }
        }
        return paired;
    }

    /** The configuration field (as {@link ConfigException} names it) each single-valued flag sets. */
    private static final Map<String, String> FLAG_OF_FIELD = Map.ofEntries(
            Map.entry("listen", "--listen"),
            Map.entry("tenancy.header", "--tenant-header"),
            Map.entry("tenancy.defaultTenant", "--default-tenant"),
            Map.entry("maxInFlightRequests", "--max-in-flight"),
            Map.entry("upstreamTimeout", "--upstream-timeout"),
            Map.entry("connectTimeout", "--connect-timeout"),
            Map.entry("retryAfterSeconds", "--retry-after-seconds"),
            Map.entry("eventLoops", "--event-loops"),
            Map.entry("shutdownGracePeriod", "--shutdown-grace-period"),
            Map.entry("readinessCacheTtl", "--readiness-cache-ttl"),
            Map.entry("auth.reloadInterval", "--tokens-reload-interval"));

    /**
     * A refused value that came from a flag is a usage error naming the flag (exit 2, with the usage);
     * one that came from the file keeps the file's field name.
     */
    private RuntimeException flagged(ConfigException e) {
        String message = e.getMessage();
        int colon = message.indexOf(':');
        String flag = colon < 0 ? null : FLAG_OF_FIELD.get(message.substring(0, colon));
        if (flag != null && spec.commandLine().getParseResult().hasMatchedOption(flag)) {
            return new CommandLine.ParameterException(spec.commandLine(), flag + message.substring(colon));
        }
        return e;
    }

    /**
     * Parses a flag's duration with the YAML file's rules ({@code 500ms}, {@code 30s}, {@code 10m},
     * {@code 2h}); picocli turns a refusal into a usage error (exit 2) that names the flag.
     */
    static final class DurationFlag implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return YamlConfigLoader.parseDuration("value", value);
            } catch (ConfigException e) {
                throw new CommandLine.TypeConversionException(e.getMessage().replaceFirst("^value: ", ""));
            }
        }
    }
}
