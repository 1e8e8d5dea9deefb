package io.promfleet.core.plugin;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one call into an extension (a check, a remediator; perhaps a third party's) on a thread of its own, so that
 * a call that hangs can be left behind: Java cannot stop a thread that ignores interruption, but the engine need
 * not wait for it. The thread is a daemon (a hung call does not keep the JVM alive) and its context class loader
 * is the extension's own (a plugin's libraries may look resources up there).
 *
 * @param <T> what the call returns
 * @param status how the call ended
 * @param value what it returned, when it returned
 * @param failure what it threw, when it threw
 */
public record ExtensionCall<T>(Status status, T value, Throwable failure) {

    /** How a call ended. */
    public enum Status {
        RETURNED,
        /** Still running at the time limit: interrupted and left behind. */
        TIMED_OUT,
        /** The caller was interrupted while waiting (its interrupt flag is set again). */
        INTERRUPTED,
        /** It threw: any Throwable, since a plugin can throw a checked exception undeclared. */
        THREW
    }

    public ExtensionCall {
        Objects.requireNonNull(status, "status");
    }

    /**
     * Calls {@code call} on a daemon thread named {@code threadName} whose context class loader is
     * {@code extension}'s, waiting at most {@code timeLimit}.
     *
     * @throws VirtualMachineError when the call ran out of memory (or the like): that is the JVM's problem, not
     *     the extension's, and must not pass for its failure (a StackOverflowError is the extension's)
     */
    public static <T> ExtensionCall<T> run(String threadName, Object extension, Duration timeLimit, Callable<T> call) {
        FutureTask<T> task = new FutureTask<>(call);
        Thread thread = new Thread(task, threadName);
        thread.setDaemon(true);
        thread.setContextClassLoader(extension.getClass().getClassLoader());
        thread.start();
        try {
            return new ExtensionCall<>(Status.RETURNED, task.get(timeLimit.toMillis(), TimeUnit.MILLISECONDS), null);
        } catch (TimeoutException e) {
            task.cancel(true);
            return new ExtensionCall<>(Status.TIMED_OUT, null, null);
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            return new ExtensionCall<>(Status.INTERRUPTED, null, null);
        } catch (ExecutionException e) {
            Throwable failure = e.getCause();
            if (failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError)) {
                throw (VirtualMachineError) failure;
            }
            return new ExtensionCall<>(Status.THREW, null, failure);
        }
    }
}
