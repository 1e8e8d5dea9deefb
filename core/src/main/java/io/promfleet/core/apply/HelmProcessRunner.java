package io.promfleet.core.apply;

import io.promfleet.api.plan.HelmValuesChange;
import io.promfleet.core.live.KubeAccessException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code helm} binary from the PATH ({@code apply --run-helm}): the argument vector is passed as is,
 * never through a shell, with the cluster's kubeconfig context (not its fleet name) and kubeconfig file.
 */
public final class HelmProcessRunner implements HelmRunner {

    static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final Map<String, String> contexts;
    private final Path kubeconfig;

    /**
     * @param contexts   each cluster's kubeconfig context
     * @param kubeconfig the kubeconfig file, or null for Helm's own default (KUBECONFIG, ~/.kube/config)
     */
    public HelmProcessRunner(Map<String, String> contexts, Path kubeconfig) {
        this.contexts = Map.copyOf(contexts);
        this.kubeconfig = kubeconfig;
    }

    @Override
    public String upgrade(HelmValuesChange change, Map<String, String> values, boolean dryRun) {
        List<String> argv = argv(change, values, dryRun);
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw failure(argv, "no answer within " + TIMEOUT.toMinutes() + " min", null);
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw failure(argv, "exit " + process.exitValue() + ": " + PrometheusHttp.abbreviate(text), null);
            }
            return text;
        } catch (IOException e) {
            throw failure(argv, "cannot run helm (is it on the PATH?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(argv, "interrupted", e);
        }
    }

    List<String> argv(HelmValuesChange change, Map<String, String> values, boolean dryRun) {
        List<String> argv = new ArrayList<>(List.of("helm", "--kube-context",
                contexts.getOrDefault(change.cluster(), change.cluster())));
        if (kubeconfig != null) {
            argv.addAll(List.of("--kubeconfig", kubeconfig.toString()));
        }
        argv.addAll(List.of("upgrade", change.release(), change.chart(), "--namespace", change.namespace(),
                "--reuse-values"));
        if (change.chartVersion() != null) {
            argv.addAll(List.of("--version", change.chartVersion()));
        }
        values.forEach((k, v) -> argv.addAll(List.of("--set", k + "=" + v)));
        if (dryRun) {
            // Helm 3.13+: the API server validates the rendered objects, and nothing is stored.
            argv.add("--dry-run=server");
        }
        return argv;
    }

    private static KubeAccessException failure(List<String> argv, String what, Throwable cause) {
        return new KubeAccessException(KubeAccessException.Reason.OTHER, 0, String.join(" ", argv) + ": " + what, cause);
    }
}
