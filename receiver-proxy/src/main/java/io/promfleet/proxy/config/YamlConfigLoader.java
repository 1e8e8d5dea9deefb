package io.promfleet.proxy.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the proxy's YAML file into a {@link ProxyConfig.Builder}. Every error names the file and the
 * field ({@code proxy.yaml: limits.maxLabelsPerSeries: must be positive, got -1}); unknown fields are
 * errors, because a misspelt limit silently left at its default is worse than a failed start.
 *
 * <pre>
 * listen: 0.0.0.0:19291
 * upstreams:
 *   - url: http://thanos-receive.monitoring.svc:19291/api/v1/receive
 *     readyUrl: http://thanos-receive.monitoring.svc:10902/-/ready
 * upstreamTimeout: 30s
 * limits: {maxLabelsPerSeries: 30, maxCompressedBytes: 4MiB}
 * tenancy:
 *   header: THANOS-TENANT
 *   tenants:
 *     cluster-02: {externalLabel: {name: cluster, value: cluster-02, onMissing: add}}
 * auth: {tokensFile: /etc/promfleet/tokens, reloadInterval: 10s}
 * </pre>
 */
public final class YamlConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB)?");

    private final String file;

    private YamlConfigLoader(String file) {
        this.file = file;
    }

    /** Loads {@code path} on top of the defaults. */
    public static ProxyConfig.Builder load(Path path) {
        return load(path, ProxyConfig.builder());
    }

    /** Loads {@code path} into {@code builder}; fields absent from the file keep the builder's values. */
    public static ProxyConfig.Builder load(Path path, ProxyConfig.Builder builder) {
        String name = path.toString();
        JsonNode root;
        try {
            root = YAML.readTree(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            throw new ConfigException(name + ": file not found");
        } catch (JsonProcessingException e) {
            throw new ConfigException(name + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""), e);
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot read: " + e.getMessage(), e);
        }
        YamlConfigLoader loader = new YamlConfigLoader(name);
        try {
            if (root != null && !root.isMissingNode() && !root.isNull()) {
                loader.apply(root, builder);
            }
            return builder;
        } catch (ConfigException e) {
            throw e.getMessage().startsWith(name + ": ") ? e : new ConfigException(name + ": " + e.getMessage(), e);
        }
    }

    private void apply(JsonNode root, ProxyConfig.Builder b) {
        requireObject(root, "(top level)");
        allowOnly(root, "", Set.of("listen", "upstreams", "upstreamTimeout", "connectTimeout", "maxInFlightRequests",
                "retryAfterSeconds", "eventLoops", "shutdownGracePeriod", "readinessCacheTtl", "limits", "tenancy", "auth",
                "tls",
                "upstreamTls"));
        if (root.has("listen")) {
            b.listen(text(root, "listen"));
        }
        if (root.has("upstreams")) {
            b.upstreams(upstreams(root.get("upstreams")));
        }
        b.upstreamTimeout = duration(root, "upstreamTimeout", b.upstreamTimeout);
        b.connectTimeout = duration(root, "connectTimeout", b.connectTimeout);
        b.shutdownGracePeriod = duration(root, "shutdownGracePeriod", b.shutdownGracePeriod);
        b.readinessCacheTtl = duration(root, "readinessCacheTtl", b.readinessCacheTtl);
        b.maxInFlightRequests = integer(root, "maxInFlightRequests", b.maxInFlightRequests);
        b.retryAfterSeconds = integer(root, "retryAfterSeconds", b.retryAfterSeconds);
        b.eventLoops = integer(root, "eventLoops", b.eventLoops);
        if (root.has("limits")) {
            b.limits(limits(root.get("limits"), b.limits));
        }
        if (root.has("tenancy")) {
            tenancy(root.get("tenancy"), b);
        }
        if (root.has("auth")) {
            JsonNode auth = root.get("auth");
            requireObject(auth, "auth");
            allowOnly(auth, "auth.", Set.of("tokensFile", "reloadInterval", "clientCertTenants"));
            if (auth.has("tokensFile")) {
                b.tokensFile(Path.of(text(auth, "tokensFile", "auth.tokensFile")));
            }
            b.tokensReloadInterval = duration(auth, "reloadInterval", "auth.reloadInterval", b.tokensReloadInterval);
            if (auth.has("clientCertTenants")) {
                b.clientCertTenants(stringMap(auth.get("clientCertTenants"), "auth.clientCertTenants"));
            }
        }
        if (root.has("tls")) {
            b.listenerTls(tls(root.get("tls"), "tls"));
        }
        if (root.has("upstreamTls")) {
            b.upstreamTls(tls(root.get("upstreamTls"), "upstreamTls"));
        }
    }

    private List<Upstream> upstreams(JsonNode node) {
        if (!node.isArray()) {
            throw new ConfigException("upstreams: must be a list");
        }
        List<Upstream> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode u = node.get(i);
            String field = "upstreams[" + i + "]";
            if (u.isTextual()) {
                out.add(new Upstream(Upstream.parse(field, u.asText()), null));
                continue;
            }
            requireObject(u, field);
            allowOnly(u, field + ".", Set.of("url", "readyUrl"));
            String url = text(u, "url", field + ".url");
            String ready = u.has("readyUrl") ? text(u, "readyUrl", field + ".readyUrl") : null;
            try {
                out.add(new Upstream(Upstream.parse(field + ".url", url),
                        ready == null ? null : Upstream.parse(field + ".readyUrl", ready)));
            } catch (ConfigException e) {
                throw new ConfigException(e.getMessage().replace("upstreams[]", field), e);
            }
        }
        return out;
    }

    private Limits limits(JsonNode node, Limits d) {
        requireObject(node, "limits");
        allowOnly(node, "limits.", Set.of("maxCompressedBytes", "maxDecompressedBytes", "maxSeriesPerRequest",
                "maxSamplesPerRequest", "maxLabelsPerSeries", "maxLabelNameLength", "maxLabelValueLength",
                "maxFutureSkew"));
        return new Limits(
                size(node, "maxCompressedBytes", d.maxCompressedBytes()),
                size(node, "maxDecompressedBytes", d.maxDecompressedBytes()),
                integer(node, "maxSeriesPerRequest", "limits.maxSeriesPerRequest", d.maxSeriesPerRequest()),
                integer(node, "maxSamplesPerRequest", "limits.maxSamplesPerRequest", d.maxSamplesPerRequest()),
                integer(node, "maxLabelsPerSeries", "limits.maxLabelsPerSeries", d.maxLabelsPerSeries()),
                integer(node, "maxLabelNameLength", "limits.maxLabelNameLength", d.maxLabelNameLength()),
                integer(node, "maxLabelValueLength", "limits.maxLabelValueLength", d.maxLabelValueLength()),
                duration(node, "maxFutureSkew", "limits.maxFutureSkew", d.maxFutureSkew()));
    }

    private void tenancy(JsonNode node, ProxyConfig.Builder b) {
        requireObject(node, "tenancy");
        allowOnly(node, "tenancy.", Set.of("header", "defaultTenant", "tenants"));
        if (node.has("header")) {
            b.tenantHeader(text(node, "header", "tenancy.header"));
        }
        if (node.has("defaultTenant")) {
            b.defaultTenant(text(node, "defaultTenant", "tenancy.defaultTenant"));
        }
        if (!node.has("tenants")) {
            return;
        }
        JsonNode tenants = node.get("tenants");
        requireObject(tenants, "tenancy.tenants");
        Map<String, TenantPolicy> policies = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tenants.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = "tenancy.tenants." + e.getKey();
            requireObject(e.getValue(), field);
            allowOnly(e.getValue(), field + ".", Set.of("externalLabel"));
            JsonNode label = e.getValue().get("externalLabel");
            if (label == null) {
                continue;
            }
            String lf = field + ".externalLabel";
            requireObject(label, lf);
            allowOnly(label, lf + ".", Set.of("name", "value", "onMissing"));
            String onMissing = label.has("onMissing") ? text(label, "onMissing", lf + ".onMissing") : "reject";
            TenantPolicy.OnMissing mode;
            try {
                mode = TenantPolicy.OnMissing.valueOf(onMissing.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                throw new ConfigException(lf + ".onMissing: must be 'add' or 'reject', got '" + onMissing + "'");
            }
            policies.put(e.getKey(), new TenantPolicy(text(label, "name", lf + ".name"),
                    text(label, "value", lf + ".value"), mode));
        }
        b.tenantPolicies(policies);
    }

    private TlsFiles tls(JsonNode node, String field) {
        requireObject(node, field);
        allowOnly(node, field + ".", Set.of("certFile", "keyFile", "caFile"));
        try {
            return new TlsFiles(path(node, "certFile", field), path(node, "keyFile", field), path(node, "caFile", field));
        } catch (ConfigException e) {
            throw new ConfigException(field + ": " + e.getMessage().replaceFirst("^tls: ", ""), e);
        }
    }

    private Path path(JsonNode node, String key, String parent) {
        return node.has(key) ? Path.of(text(node, key, parent + "." + key)) : null;
    }

    private static void requireObject(JsonNode node, String field) {
        if (!node.isObject()) {
            throw new ConfigException(field + ": must be a mapping");
        }
    }

    private static void allowOnly(JsonNode node, String prefix, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new ConfigException(prefix + name + ": unknown field (known: " + String.join(", ",
                        allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String text(JsonNode node, String key) {
        return text(node, key, key);
    }

    private static String text(JsonNode node, String key, String field) {
        JsonNode v = node.get(key);
        if (v == null || !v.isValueNode() || v.isNull()) {
            throw new ConfigException(field + ": must be a string");
        }
        return v.asText();
    }

    private static int integer(JsonNode node, String key, int fallback) {
        return integer(node, key, key, fallback);
    }

    private static int integer(JsonNode node, String key, String field, int fallback) {
        JsonNode v = node.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new ConfigException(field + ": must be an integer, got '" + v.asText() + "'");
        }
        return v.intValue();
    }

    private static long size(JsonNode node, String key, long fallback) {
        JsonNode v = node.get(key);
        String field = "limits." + key;
        if (v == null) {
            return fallback;
        }
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        Matcher m = SIZE.matcher(v.asText().trim());
        if (!v.isTextual() || !m.matches()) {
            throw new ConfigException(field + ": must be a size like 4194304, 512KiB or 4MiB, got '" + v.asText() + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        return switch (unit) {
            case "KiB" -> n << 10;
            case "MiB" -> n << 20;
            case "GiB" -> n << 30;
            default -> n;
        };
    }

    private static Duration duration(JsonNode node, String key, Duration fallback) {
        return duration(node, key, key, fallback);
    }

    private static Duration duration(JsonNode node, String key, String field, Duration fallback) {
        JsonNode v = node.get(key);
        return v == null ? fallback : parseDuration(field, v.asText());
    }

    /** Prometheus-style durations: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}. */
    public static Duration parseDuration(String field, String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new ConfigException(field + ": must be a duration like 500ms, 30s, 10m or 2h, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    private static Map<String, String> stringMap(JsonNode node, String field) {
        requireObject(node, field);
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), text(node, e.getKey(), field + "." + e.getKey())));
        return out;
    }
}
