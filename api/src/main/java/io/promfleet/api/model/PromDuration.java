package io.promfleet.api.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus duration strings ({@code 15d}, {@code 30s}, {@code 1h30m}, {@code 500ms}, {@code 2w},
 * {@code 1y}), with the units Prometheus' {@code model.ParseDuration} accepts: a year is 365 days.
 */
public final class PromDuration {

    private static final Pattern WHOLE = Pattern.compile("((\\d+)(ms|s|m|h|d|w|y))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");

    private PromDuration() {}

    /** @throws IllegalArgumentException when {@code text} is not a Prometheus duration */
    public static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text.trim()).matches()) {
            throw new IllegalArgumentException("not a Prometheus duration: '" + text + "'");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(text.trim());
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                case "w" -> Duration.ofDays(7 * n);
                default -> Duration.ofDays(365 * n);
            });
        }
        return total;
    }

    /** Writes {@code d} the way Prometheus would, e.g. {@code 15d} or {@code 1h30m}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long ms = d.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
        String[] units = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms >= sizes[i]) {
                sb.append(ms / sizes[i]).append(units[i]);
                ms %= sizes[i];
            }
        }
        return sb.toString();
    }
}
