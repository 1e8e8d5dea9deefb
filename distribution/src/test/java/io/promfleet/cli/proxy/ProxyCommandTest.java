package io.promfleet.cli.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.promfleet.cli.PromfleetCommand;
import io.promfleet.proxy.config.ProxyConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code promfleet proxy}: its flags against the YAML configuration. Nothing here starts a proxy. */
class ProxyCommandTest {

    private static final String UPSTREAM = "http://127.0.0.1:1/api/v1/receive";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = PromfleetCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** The configuration the flags make, without starting anything. */
    private static ProxyConfig configOf(String... flags) {
        CommandLine.ParseResult parsed = PromfleetCommand.newCommandLine().parseArgs(
                prepend("proxy", flags));
        return ((ProxyCommand) parsed.subcommand().commandSpec().userObject()).buildConfig();
    }

    private static String[] prepend(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @Test
    void aReadinessCacheTtlThatIsNotADurationIsAUsageErrorNamingTheFlag() {
        assertThat(run("proxy", "--upstream", UPSTREAM, "--readiness-cache-ttl", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("--readiness-cache-ttl")
                .contains("must be a duration like 500ms, 30s, 10m or 2h, got 'soon'")
                .contains("Usage: promfleet proxy");
        assertThat(out.toString()).doesNotContain("listening");
    }

    @Test
    void aNegativeReadinessCacheTtlIsRefusedToo() {
        assertThat(run("proxy", "--upstream", UPSTREAM, "--readiness-cache-ttl", "-1s")).isEqualTo(2);
        assertThat(err.toString()).contains("--readiness-cache-ttl").contains("got '-1s'");
    }

    @Test
    void aValueTheConfigurationRefusesIsAUsageErrorNamingTheFlagNotTheYamlField() {
        assertThat(run("proxy", "--upstream", UPSTREAM, "--event-loops", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--event-loops: must be positive").doesNotContain("eventLoops:")
                .contains("Usage: promfleet proxy");
        assertThat(out.toString()).doesNotContain("listening");
    }

    @Test
    void theReadinessCacheTtlFlagOverridesTheFileAndTheFileTheDefault() throws IOException {
        Path yaml = Files.writeString(dir.resolve("proxy.yaml"), "upstreams: [" + UPSTREAM + "]\nreadinessCacheTtl: 5s\n");
        assertThat(configOf("--upstream", UPSTREAM).readinessCacheTtl()).isEqualTo(Duration.ofSeconds(1));
        assertThat(configOf("--config", yaml.toString()).readinessCacheTtl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(configOf("--config", yaml.toString(), "--readiness-cache-ttl", "250ms").readinessCacheTtl())
                .isEqualTo(Duration.ofMillis(250));
        assertThat(configOf("--upstream", UPSTREAM, "--readiness-cache-ttl", "0s").readinessCacheTtl()).isZero();
    }

    @Test
    void theReadinessUrlsPairWithTheUpstreamsInOrder() {
        ProxyConfig config = configOf("--upstream", "http://a:19291/api/v1/receive,http://b:19291/api/v1/receive",
                "--upstream-ready", "http://a:10902/-/ready,http://b:10902/-/ready");
        assertThat(config.upstreams()).extracting(u -> u.readyUrl().toString())
                .containsExactly("http://a:10902/-/ready", "http://b:10902/-/ready");
        assertThat(config.upstreams()).extracting(u -> u.writeUrl().toString())
                .containsExactly("http://a:19291/api/v1/receive", "http://b:19291/api/v1/receive");
        assertThat(configOf("--upstream", UPSTREAM).upstreams().get(0).readyUrl().toString())
                .isEqualTo("http://127.0.0.1:1/-/ready");

        assertThat(run("proxy", "--upstream", UPSTREAM, "--upstream-ready", "http://a/-/ready,http://b/-/ready")).isEqualTo(2);
        assertThat(err.toString()).contains("--upstream-ready: 2 URL(s) for 1 upstream(s)");
        err.getBuffer().setLength(0);
        assertThat(run("proxy", "--upstream", UPSTREAM, "--upstream-ready", "ftp://a/-/ready")).isEqualTo(2);
        assertThat(err.toString()).contains("--upstream-ready: not an absolute http(s) URL: ftp://a/-/ready");
    }

    @Test
    void theUpstreamClientCertificateNeedsItsKey() {
        assertThat(run("proxy", "--upstream", UPSTREAM, "--upstream-cert", dir.resolve("c.pem").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--upstream-cert/--upstream-key: must be given together");
    }

    /**
     * Every configuration field has a flag that sets it, or is listed here as file-only with the reason
     * (the same reasons receiver-proxy/README.md gives). A new field fails this test until it gets one or
     * the other.
     */
    @Test
    void everyConfigurationFieldHasAFlagOrADocumentedReasonNotTo() {
        Path pem = dir.resolve("x.pem");
        Map<String, List<String>> flagged = new LinkedHashMap<>();
        flagged.put("listenHost", List.of("--listen", "127.0.0.2:19291"));
        flagged.put("listenPort", List.of("--listen", "0.0.0.0:9999"));
        flagged.put("upstreams", List.of("--upstream", "http://127.0.0.1:2/api/v1/receive"));
        // upstreams' readiness URLs: theReadinessUrlsPairWithTheUpstreamsInOrder
        flagged.put("tenantHeader", List.of("--tenant-header", "X-Scope-OrgID"));
        flagged.put("defaultTenant", List.of("--default-tenant", "someone"));
        flagged.put("tokensFile", List.of("--tokens-file", pem.toString()));
        flagged.put("tokensReloadInterval", List.of("--tokens-reload-interval", "3s"));
        flagged.put("listenerTls", List.of("--tls-cert", pem.toString(), "--tls-key", pem.toString()));
        flagged.put("upstreamTls", List.of("--upstream-ca", pem.toString()));
        flagged.put("upstreamTimeout", List.of("--upstream-timeout", "7s"));
        flagged.put("connectTimeout", List.of("--connect-timeout", "7s"));
        flagged.put("maxInFlightRequests", List.of("--max-in-flight", "7"));
        flagged.put("retryAfterSeconds", List.of("--retry-after-seconds", "7"));
        flagged.put("eventLoops", List.of("--event-loops", "7"));
        flagged.put("shutdownGracePeriod", List.of("--shutdown-grace-period", "7s"));
        flagged.put("readinessCacheTtl", List.of("--readiness-cache-ttl", "7s"));
        Map<String, String> fileOnly = Map.of(
                "limits", "eight request limits that are reviewed and changed together, as the limits block",
                "tenantPolicies", "a mapping per tenant (tenancy.tenants)",
                "clientCertTenants", "a mapping of certificate CN to tenant (auth.clientCertTenants)");

        Set<String> fields = Arrays.stream(ProxyConfig.class.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toSet());
        Set<String> covered = new java.util.HashSet<>(flagged.keySet());
        covered.addAll(fileOnly.keySet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(fields);

        ProxyConfig defaults = configOf("--upstream", UPSTREAM);
        flagged.forEach((field, flags) -> {
            String[] args = flags.get(0).equals("--upstream") ? flags.toArray(String[]::new)
                    : prepend("--upstream", prepend(UPSTREAM, flags.toArray(String[]::new)));
            assertThat(component(configOf(args), field)).as(field + " set by " + flags.get(0))
                    .isNotEqualTo(component(defaults, field));
        });
    }

    private static Object component(ProxyConfig config, String name) {
        try {
            return ProxyConfig.class.getMethod(name).invoke(config);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
