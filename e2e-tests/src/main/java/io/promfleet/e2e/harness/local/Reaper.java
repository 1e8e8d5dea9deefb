package io.promfleet.e2e.harness.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Makes sure no pipeline process outlives the test JVM.
 *
 * <p>A JVM shutdown hook covers a normal exit and SIGINT/SIGTERM; a JVM killed with SIGKILL runs no hook,
 * so a small shell watchdog polls the JVM's pid and, once it is gone, sends SIGTERM and then SIGKILL to
 * the pids listed in a file this class keeps current.
 */
public final class Reaper {

    private final Set<Long> pids = ConcurrentHashMap.newKeySet();
    private final Path pidFile;
    private final Thread hook;
    private Process watchdog;

    public Reaper(Path dir) {
        this.pidFile = dir.resolve("pids");
        try {
            Files.createDirectories(dir);
            Files.writeString(pidFile, "");
            String script = "while kill -0 " + ProcessHandle.current().pid() + " 2>/dev/null; do sleep 1; done; "
                    + "P=$(cat '" + pidFile + "' 2>/dev/null); [ -z \"$P\" ] && exit 0; "
                    + "kill -TERM $P 2>/dev/null; sleep 10; kill -KILL $P 2>/dev/null; exit 0";
            watchdog = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the process watchdog", e);
        }
        hook = new Thread(this::killAll, "promfleet-e2e-reaper");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    void register(long pid) {
        pids.add(pid);
        writePids();
    }

    void unregister(long pid) {
        pids.remove(pid);
        writePids();
    }

    private synchronized void writePids() {
        try {
            Path tmp = pidFile.resolveSibling("pids.tmp");
            Files.writeString(tmp, pids.stream().map(String::valueOf).collect(Collectors.joining(" ")));
            Files.move(tmp, pidFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record child pids in " + pidFile, e);
        }
    }

    private void killAll() {
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
        long end = System.nanoTime() + 10_000_000_000L;
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(h -> {
                while (h.isAlive() && System.nanoTime() - end < 0) {
                    Thread.onSpinWait();
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                h.destroyForcibly();
            });
        }
    }

    /** Called once everything was stopped the orderly way: kills stragglers and retires the watchdog. */
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook runs anyway
        }
        if (watchdog != null) {
            watchdog.destroy();
        }
    }
}
