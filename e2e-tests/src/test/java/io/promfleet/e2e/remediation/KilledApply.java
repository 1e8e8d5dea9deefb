package io.promfleet.e2e.remediation;

import io.promfleet.core.apply.JournalEntry;
import io.promfleet.core.apply.PlanFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An apply in a JVM of its own that the test kills ({@link Process#destroyForcibly}, SIGKILL: no finally block,
 * no shutdown hook, no flush runs) at a chosen point: it stops at that point, writes a marker file, and waits to
 * be killed. A separate process rather than an exception thrown in the test's JVM, so that nothing the engine
 * would do while unwinding — closing the journal, a client's pending request — gets to run.
 *
 * <p>The points: {@code change K} — right after the first journal line at or after line K that records a change
 * about to be made (the change is journaled, not made); {@code write N} — right after the API server accepted
 * the engine's Nth write (the change is made, its completion not journaled).
 */
final class KilledApply {

    private static final Duration MARKER_DEADLINE = Duration.ofSeconds(180);

    private KilledApply() {}

    /** {@code fleet.yaml kubeconfig thanos-url plan.json journal marker change|write K}. */
    public static void main(String[] args) {
        RemediationRig rig = new RemediationRig(Path.of(args[0]), Path.of(args[1]), URI.create(args[2]));
        PlanFile plan = PlanFile.read(Path.of(args[3]));
        Path journal = Path.of(args[4]);
        Path marker = Path.of(args[5]);
        String point = args[6];
        int k = Integer.parseInt(args[7]);
        if (point.equals("write")) {
            rig.afterWrite = n -> {
                if (n == k) {
                    hang(marker, "after write " + n + ": " + rig.writes.get(n - 1));
                }
            };
        }
        rig.apply(plan, journal, false, entry -> {
            if (point.equals("change") && entry.seq() >= k && entry.type() == JournalEntry.Type.CHANGE) {
                hang(marker, "after journal line " + entry.seq() + ", a change of " + entry.refText() + " not yet made");
            }
        });
        // Reaching the end means the point was never reached: the test says so.
        write(marker, "completed without reaching " + point + " " + k);
    }

    private static void hang(Path marker, String where) {
        write(marker, "killed " + where);
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void write(Path marker, String text) {
        try {
            Path partial = marker.resolveSibling(marker.getFileName() + ".tmp");
            Files.writeString(partial, text);
            Files.move(partial, marker);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the apply in a new JVM until it reaches {@code point k}, kills it there, and answers where that was.
     *
     * @throws AssertionError when the process ended or did not reach the point in time
     */
    static String runAndKill(Path fleetFile, Path kubeconfig, URI thanos, Path plan, Path journal, String point, int k,
                             Path workDir) throws IOException, InterruptedException {
        Path marker = workDir.resolve("killed-" + point + "-" + k);
        Path log = workDir.resolve("killed-" + point + "-" + k + ".log");
        Files.deleteIfExists(marker);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a short-lived client JVM: start fast, use little
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-cp", classpath,
                KilledApply.class.getName(), fleetFile.toString(), kubeconfig.toString(), thanos.toString(),
                plan.toString(), journal.toString(), marker.toString(), point, Integer.toString(k)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + MARKER_DEADLINE.toNanos();
            while (!Files.exists(marker)) {
                if (!process.isAlive()) {
                    throw new AssertionError("the apply process ended (exit " + process.exitValue() + ") before "
                            + point + " " + k + "; its output: " + Files.readString(log));
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("the apply process did not reach " + point + " " + k + " within "
                            + MARKER_DEADLINE + "; its output: " + Files.readString(log));
                }
                Thread.sleep(50);
            }
            String where = Files.readString(marker);
            if (!where.startsWith("killed")) {
                throw new AssertionError(where);
            }
            return where;
        } finally {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
