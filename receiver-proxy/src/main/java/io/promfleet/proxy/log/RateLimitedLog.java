package io.promfleet.proxy.log;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Structured ({@code event=... key=value}) warnings, at most one per event per interval: a sender
 * hammering the proxy with bad requests, or an upstream outage, must not turn into a log flood. The
 * next line that gets through says how many were suppressed. Callers pass only safe values (tenant,
 * rule, upstream host:port), never a header or token.
 */
public final class RateLimitedLog {

    private final Logger logger;
    private final long intervalNanos;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong suppressed = new AtomicLong();
    }

    public RateLimitedLog(Logger logger, long intervalMillis) {
        this.logger = logger;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    /** @param keyValues alternating keys and values */
    public void warn(String event, Object... keyValues) {
        if (!logger.isWarnEnabled()) {
            return;
        }
        Window w = windows.computeIfAbsent(event, e -> new Window());
        long now = System.nanoTime();
        long next = w.nextAllowed.get();
        if ((next != Long.MIN_VALUE && now - next < 0) || !w.nextAllowed.compareAndSet(next, now + intervalNanos)) {
            w.suppressed.incrementAndGet();
            return;
        }
        StringBuilder sb = new StringBuilder("event=").append(event);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            sb.append(' ').append(keyValues[i]).append('=');
            String v = String.valueOf(keyValues[i + 1]);
            sb.append(v.isEmpty() || v.indexOf(' ') >= 0 || v.indexOf('"') >= 0
                    ? '"' + v.replace("\"", "\\\"").replace("\n", "\\n") + '"' : v);
        }
        long suppressed = w.suppressed.getAndSet(0);
        if (suppressed > 0) {
            sb.append(" suppressed=").append(suppressed);
        }
        logger.warn(sb.toString());
    }
}
