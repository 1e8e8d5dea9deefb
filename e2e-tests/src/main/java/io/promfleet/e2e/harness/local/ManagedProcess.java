package io.promfleet.e2e.harness.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One local program of the pipeline: started with its output appended to a log file, ready once its
 * health endpoint answers 200, stopped with SIGTERM and, after a grace period, SIGKILL.
 *
 * <p>A process is registered with the {@link Reaper} while it runs, so it dies with the test JVM even
 * when that JVM is killed.
 */
public final class ManagedProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final ReadinessProbe probe;
    private final String probeTarget;
    private final Duration stopGrace;
    private final Reaper reaper;
    private Process process;

    public ManagedProcess(String name, List<String> command, Map<String, String> environment, Path log, URI readyUrl,
                          Duration stopGrace, Reaper reaper) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.probe = () -> httpProbe(readyUrl);
        this.probeTarget = readyUrl.toString();
        this.stopGrace = stopGrace;
        this.reaper = reaper;
    }

    /**
     * For a program whose readiness a plain HTTP GET cannot tell, e.g. an HTTPS endpoint whose CA the
     * program itself generates at start-up (k3s).
     */
    public ManagedProcess(String name, List<String> command, Map<String, String> environment, Path log,
                          String probeTarget, ReadinessProbe probe, Duration stopGrace, Reaper reaper) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.probe = probe;
        this.probeTarget = probeTarget;
        this.stopGrace = stopGrace;
        this.reaper = reaper;
    }

    /** Asked repeatedly until the program is ready: empty when it is, else what it still waits for. */
    @FunctionalInterface
    public interface ReadinessProbe {
        Optional<String> notReady() throws IOException, InterruptedException;
    }

    private static Optional<String> httpProbe(URI readyUrl) throws IOException, InterruptedException {
        HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(readyUrl).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding());
        return r.statusCode() == 200 ? Optional.empty() : Optional.of("HTTP " + r.statusCode());
    }

    public String name() {
        return name;
    }

    /** The command line, program first. */
    public List<String> command() {
        return command;
    }

    public Path log() {
        return log;
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /** Starts the program and waits until its health endpoint answers 200 (or it exits, or the deadline passes). */
    public synchronized ManagedProcess start(Duration readyDeadline) {
        if (running()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "\n=== start " + java.time.Instant.now() + ": " + String.join(" ", command) + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(environment);
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + ")", e);
        }
        reaper.register(process.pid());
        awaitReady(readyDeadline);
        return this;
    }

    private void awaitReady(Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() - end < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready; log: "
                        + log);
            }
            try {
                Optional<String> notReady = probe.notReady();
                if (notReady.isEmpty()) {
                    return;
                }
                last = notReady.get();
            } catch (IOException e) {
                // the message tells a refused connection from, say, a TLS handshake the CA does not verify
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " not ready at " + probeTarget + " within " + deadline + " (" + last
                + "); log: " + log);
    }

    /**
     * SIGTERM, then SIGKILL after the grace period. Thanos Receive needs the SIGTERM: it flushes its head
     * into a block and uploads it on the way out.
     *
     * @return the exit code, or -1 when the process had to be killed
     */
    public synchronized int stop() {
        if (process == null) {
            return 0;
        }
        Process p = process;
        process = null;
        try {
            if (!p.isAlive()) {
                return p.exitValue();
            }
            p.destroy();
            if (p.waitFor(stopGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                return p.exitValue();
            }
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            appendToLog("=== killed (SIGKILL) after a grace period of " + stopGrace);
            return -1;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return -1;
        } finally {
            reaper.unregister(p.pid());
        }
    }

    private void appendToLog(String line) {
        try {
            Files.writeString(log, line + "\n", java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the log is a diagnostic; losing this line must not hide the real outcome
        }
    }

    /** The last {@code lines} lines of the log. */
    public String tail(int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no log)";
            }
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
