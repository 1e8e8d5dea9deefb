package io.promfleet.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlConfigLoaderTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path f = dir.resolve("proxy.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void readsEverySection() throws Exception {
        ProxyConfig c = YamlConfigLoader.load(write("""
                listen: 127.0.0.1:9999
                upstreams:
                  - url: http://receive-0.monitoring.svc:19291/api/v1/receive
                    readyUrl: http://receive-0.monitoring.svc:10902/-/ready
                  - http://receive-1.monitoring.svc:19291/api/v1/receive
                upstreamTimeout: 1500ms
                maxInFlightRequests: 7
                limits:
                  maxCompressedBytes: 2MiB
                  maxLabelsPerSeries: 40
                  maxFutureSkew: 5m
                tenancy:
                  header: X-Scope-OrgID
                  defaultTenant: fleet
                  tenants:
                    cluster-02:
                      externalLabel: {name: cluster, value: cluster-02, onMissing: add}
                auth:
                  tokensFile: /etc/promfleet/tokens
                  reloadInterval: 30s
                """)).build();
        assertThat(c.listenHost()).isEqualTo("127.0.0.1");
        assertThat(c.listenPort()).isEqualTo(9999);
        assertThat(c.upstreams()).extracting(u -> u.readyUrl().toString()).containsExactly(
                "http://receive-0.monitoring.svc:10902/-/ready", "http://receive-1.monitoring.svc:19291/-/ready");
        assertThat(c.upstreamTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.maxInFlightRequests()).isEqualTo(7);
        assertThat(c.limits().maxCompressedBytes()).isEqualTo(2L << 20);
        assertThat(c.limits().maxLabelsPerSeries()).isEqualTo(40);
        assertThat(c.limits().maxLabelValueLength()).isEqualTo(Limits.DEFAULTS.maxLabelValueLength());
        assertThat(c.limits().maxFutureSkew()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.tenantHeader()).isEqualTo("X-Scope-OrgID");
        assertThat(c.defaultTenant()).isEqualTo("fleet");
        assertThat(c.tenantPolicies().get("cluster-02"))
                .isEqualTo(new TenantPolicy("cluster", "cluster-02", TenantPolicy.OnMissing.ADD));
        assertThat(c.tokensFile()).isEqualTo(Path.of("/etc/promfleet/tokens"));
        assertThat(c.authEnabled()).isTrue();
    }

    @Test
    void flagsAppliedAfterTheFileWin() throws Exception {
        ProxyConfig c = YamlConfigLoader.load(write("listen: 0.0.0.0:1\nupstreams: [http://a:1/x]\n"))
                .listen(":2").upstreamUrls("http://b:2/y, http://c:3/z").build();
        assertThat(c.listenPort()).isEqualTo(2);
        assertThat(c.upstreams()).extracting(Upstream::name).containsExactly("b:2", "c:3");
    }

    @Test
    void errorsNameTheFileAndTheField() throws Exception {
        assertError("limits:\n  maxLabelsPerSeries: -1\n", "proxy.yaml: limits.maxLabelsPerSeries: must be positive");
        assertError("limits:\n  maxLabelsPerSerie: 3\n", "proxy.yaml: limits.maxLabelsPerSerie: unknown field");
        assertError("upstreamTimeout: soon\n", "proxy.yaml: upstreamTimeout: must be a duration");
        assertError("upstreams:\n  - url: ftp://x/y\n", "proxy.yaml: upstreams[0].url: must be an absolute http(s) URL");
        assertError("tenancy:\n  tenants:\n    a: {externalLabel: {name: cluster, value: a, onMissing: maybe}}\n",
                "proxy.yaml: tenancy.tenants.a.externalLabel.onMissing: must be 'add' or 'reject'");
        assertError("listen: [1, 2\n", "proxy.yaml: not valid YAML");
        assertError("limits:\n  maxCompressedBytes: lots\n", "proxy.yaml: limits.maxCompressedBytes: must be a size");
        assertThatThrownBy(() -> YamlConfigLoader.load(dir.resolve("absent.yaml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("absent.yaml: file not found");
    }

    @Test
    void builtConfigRejectsMissingUpstreamsAndBadListen() {
        assertThatThrownBy(() -> ProxyConfig.builder().build()).hasMessageContaining("upstreams");
        assertThatThrownBy(() -> ProxyConfig.builder().listen("nocolon")).hasMessageContaining("listen: expected HOST:PORT");
        assertThatThrownBy(() -> ProxyConfig.builder().upstreamUrls("http://a:1/x").listen("h:70000").build())
                .hasMessageContaining("listen: port must be 0..65535");
    }

    private void assertError(String yaml, String expected) throws Exception {
        Path f = write(yaml);
        assertThatThrownBy(() -> YamlConfigLoader.load(f).upstreamUrls("http://a:1/x").build())
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.getMessage().replace(dir.toString() + "/", "")).contains(expected));
    }
}
