package io.promfleet.proxy.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The proxy's whole configuration, immutable. Build it with {@link #builder()}, from flags and/or a
 * YAML file ({@link YamlConfigLoader}).
 *
 * @param tokensFile bearer tokens, one {@code TENANT TOKEN} pair per line; {@code null} disables bearer auth
 * @param clientCertTenants with a listener client CA: certificate subject CN to tenant; empty means the CN
 *                          is the tenant
 */
public record ProxyConfig(
        String listenHost,
        int listenPort,
        List<Upstream> upstreams,
        Limits limits,
        String tenantHeader,
        String defaultTenant,
        Map<String, TenantPolicy> tenantPolicies,
        Path tokensFile,
        Duration tokensReloadInterval,
        Map<String, String> clientCertTenants,
        TlsFiles listenerTls,
        TlsFiles upstreamTls,
        Duration upstreamTimeout,
        Duration connectTimeout,
        int maxInFlightRequests,
        int retryAfterSeconds,
        int eventLoops,
        Duration shutdownGracePeriod,
        Duration readinessCacheTtl) {

    public ProxyConfig {
        ConfigChecks.required("listen", listenHost);
        if (listenPort < 0 || listenPort > 65535) {
            throw new ConfigException("listen: port must be 0..65535, got " + listenPort);
        }
        upstreams = List.copyOf(ConfigChecks.required("upstreams", upstreams));
        if (upstreams.isEmpty()) {
            throw new ConfigException("upstreams: at least one upstream URL is required");
        }
        Objects.requireNonNull(limits, "limits");
        if (tenantHeader == null || tenantHeader.isBlank()) {
            throw new ConfigException("tenancy.header: must not be empty");
        }
        if (defaultTenant == null || defaultTenant.isBlank()) {
            throw new ConfigException("tenancy.defaultTenant: must not be empty");
        }
        tenantPolicies = Map.copyOf(tenantPolicies);
        clientCertTenants = Map.copyOf(clientCertTenants);
        ConfigChecks.positive("auth.reloadInterval", tokensReloadInterval);
        Objects.requireNonNull(listenerTls, "tls");
        Objects.requireNonNull(upstreamTls, "upstreamTls");
        if (listenerTls.hasCa() && !listenerTls.hasCertificate()) {
            throw new ConfigException("tls.clientCaFile: client certificates need certFile and keyFile too");
        }
        ConfigChecks.positive("upstreamTimeout", upstreamTimeout);
        ConfigChecks.positive("connectTimeout", connectTimeout);
        ConfigChecks.positive("maxInFlightRequests", maxInFlightRequests);
        ConfigChecks.positive("retryAfterSeconds", retryAfterSeconds);
        ConfigChecks.positive("eventLoops", eventLoops);
        ConfigChecks.notNegative("shutdownGracePeriod", shutdownGracePeriod);
        ConfigChecks.notNegative("readinessCacheTtl", readinessCacheTtl);
    }

    /** Whether a caller must prove who it is: with auth on, the tenant comes only from the credential. */
    public boolean authEnabled() {
        return tokensFile != null || listenerTls.hasCa();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder with the defaults; flags and the YAML loader both write into it. */
    public static final class Builder {
        String listenHost = "0.0.0.0";
        int listenPort = 19291;
        List<Upstream> upstreams = List.of();
        Limits limits = Limits.DEFAULTS;
        String tenantHeader = "THANOS-TENANT";
        String defaultTenant = "default-tenant";
        Map<String, TenantPolicy> tenantPolicies = Map.of();
        Path tokensFile;
        Duration tokensReloadInterval = Duration.ofSeconds(10);
        Map<String, String> clientCertTenants = Map.of();
        TlsFiles listenerTls = TlsFiles.NONE;
        TlsFiles upstreamTls = TlsFiles.NONE;
        Duration upstreamTimeout = Duration.ofSeconds(30);
        Duration connectTimeout = Duration.ofSeconds(5);
        int maxInFlightRequests = 256;
        int retryAfterSeconds = 1;
        int eventLoops = Math.max(1, Runtime.getRuntime().availableProcessors());
        Duration shutdownGracePeriod = Duration.ofSeconds(30);
        Duration readinessCacheTtl = Duration.ofSeconds(1);

        /** {@code HOST:PORT}, {@code :PORT} or {@code [v6]:PORT}. */
        public Builder listen(String hostPort) {
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) {
                throw new ConfigException("listen: expected HOST:PORT, got '" + hostPort + "'");
            }
            String host = hostPort.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                return listen(host.isEmpty() ? "0.0.0.0" : host, Integer.parseInt(hostPort.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new ConfigException("listen: port is not a number in '" + hostPort + "'", e);
            }
        }

        public Builder listen(String host, int port) {
            this.listenHost = host;
            this.listenPort = port;
            return this;
        }

        public Builder upstreams(List<Upstream> upstreams) {
            this.upstreams = upstreams;
            return this;
        }

        public Builder upstreamUrls(String commaSeparated) {
            this.upstreams = java.util.Arrays.stream(commaSeparated.split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).map(Upstream::of).toList();
            return this;
        }

        public Builder limits(Limits limits) {
            this.limits = limits;
            return this;
        }

        public Builder tenantHeader(String header) {
            this.tenantHeader = header;
            return this;
        }

        public Builder defaultTenant(String tenant) {
            this.defaultTenant = tenant;
            return this;
        }

        public Builder tenantPolicies(Map<String, TenantPolicy> policies) {
            this.tenantPolicies = policies;
            return this;
        }

        public Builder tokensFile(Path file) {
            this.tokensFile = file;
            return this;
        }

        public Builder tokensReloadInterval(Duration interval) {
            this.tokensReloadInterval = interval;
            return this;
        }

        public Builder clientCertTenants(Map<String, String> cnToTenant) {
            this.clientCertTenants = cnToTenant;
            return this;
        }

        public Builder listenerTls(TlsFiles tls) {
            this.listenerTls = tls;
            return this;
        }

        public Builder upstreamTls(TlsFiles tls) {
            this.upstreamTls = tls;
            return this;
        }

        public Builder upstreamTimeout(Duration timeout) {
            this.upstreamTimeout = timeout;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder maxInFlightRequests(int max) {
            this.maxInFlightRequests = max;
            return this;
        }

        public Builder retryAfterSeconds(int seconds) {
            this.retryAfterSeconds = seconds;
            return this;
        }

        public Builder eventLoops(int loops) {
            this.eventLoops = loops;
            return this;
        }

        public Builder shutdownGracePeriod(Duration grace) {
            this.shutdownGracePeriod = grace;
            return this;
        }

        public Builder readinessCacheTtl(Duration ttl) {
            this.readinessCacheTtl = ttl;
            return this;
        }

        public ProxyConfig build() {
            return new ProxyConfig(listenHost, listenPort, upstreams, limits, tenantHeader, defaultTenant,
                    tenantPolicies, tokensFile, tokensReloadInterval, clientCertTenants, listenerTls, upstreamTls,
                    upstreamTimeout, connectTimeout, maxInFlightRequests, retryAfterSeconds, eventLoops,
                    shutdownGracePeriod, readinessCacheTtl);
        }
    }
}
