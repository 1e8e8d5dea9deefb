package io.promfleet.core.apply;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock three hours later each time it is read, so that every gate's window has passed when it is checked:
 * the Thanos doubles answer "received" for any window, and a test need not wait two hours. Shared through the
 * test jar (mock and k3s apply tests).
 */
public final class MovingClock extends Clock {

    private static final Duration STEP = Duration.ofHours(3);

    private final Instant base;
    private final AtomicLong reads = new AtomicLong();

    private MovingClock(Instant base) {
        this.base = base;
    }

    /** Reads {@code start} plus three hours first. */
    public static MovingClock from(Instant start) {
        return new MovingClock(start);
    }

    /**
     * As {@link #from}, but starting after the last line already in {@code journal} (when it exists), so that a
     * run resuming another (killed) process' journal never goes back in time: a receiving gate measures its window
     * from the journal's last change.
     */
    public static MovingClock after(Instant start, Path journal) {
        Instant base = start;
        if (Files.exists(journal)) {
            for (JournalEntry e : new JournalReader().read(journal).entries()) {
                base = e.time().isAfter(base) ? e.time() : base;
            }
        }
        return new MovingClock(base);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return base.plus(STEP.multipliedBy(reads.incrementAndGet()));
    }
}
