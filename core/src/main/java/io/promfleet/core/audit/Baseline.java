package io.promfleet.core.audit;

import io.promfleet.api.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Known findings, recorded so that an audit fails only on new ones — ArchUnit's {@code FreezingArchRule}
 * for a fleet: {@code --write-baseline FILE} records every finding of an audit, {@code --baseline FILE}
 * reports only findings the file does not hold.
 *
 * <p>A finding is identified by its check, cluster, namespace, kind and name, never by its message: texts
 * change with the language and with promfleet's wording, the object at fault does not. The same key may be
 * recorded more than once (two remote-writes of one ConfigMap): a baseline absorbs as many findings of a
 * key as it recorded, and a third one is new.
 *
 * <p>The file is plain text, one finding per line, {@code check cluster namespace kind name} separated by
 * tabs ({@code -} for none), sorted, so that it diffs well in review; {@code #} lines are comments.
 */
public final class Baseline {

    private static final String HEADER = "# promfleet baseline: known findings (check, cluster, namespace, kind, name)."
            + " An audit with --baseline reports only findings not listed here.";

    /** A finding's identity in a baseline. */
    public record Key(String check, String cluster, String namespace, String kind, String name) {
        public Key {
            Objects.requireNonNull(check, "check");
        }

        public static Key of(Finding finding) {
            return new Key(finding.check(), finding.cluster(), finding.namespace(), finding.kind(), finding.name());
        }

        String line() {
            return String.join("\t", check, dash(cluster), dash(namespace), dash(kind), dash(name));
        }

        static Key parse(String line, Path file, int number) {
            String[] f = line.split("\t", -1);
            if (f.length != 5 || f[0].isBlank()) {
                throw new IllegalArgumentException(file + ":" + number + ": a baseline line has five tab-separated"
                        + " fields (check, cluster, namespace, kind, name), got: " + line);
            }
            return new Key(f[0], undash(f[1]), undash(f[2]), undash(f[3]), undash(f[4]));
        }

        private static String dash(String v) {
            return v == null ? "-" : v;
        }

        private static String undash(String v) {
            return v.equals("-") ? null : v;
        }

        @Override
        public String toString() {
            return line().replace('\t', ' ');
        }
    }

    /**
     * The audit seen through a baseline.
     *
     * @param report the report holding only the new findings
     * @param known  how many findings the baseline absorbed
     * @param gone   baseline entries no finding matched any more (fixed, or the object was renamed)
     */
    public record Result(AuditReport report, int known, List<Key> gone) {
        public Result {
            gone = List.copyOf(gone);
        }
    }

    private final Map<Key, Integer> counts;

    private Baseline(Map<Key, Integer> counts) {
        this.counts = counts;
    }

    /** Every finding of {@code report}. */
    public static Baseline of(AuditReport report) {
        Map<Key, Integer> counts = new TreeMap<>(java.util.Comparator.comparing(Key::line));
        report.findings().forEach(f -> counts.merge(Key.of(f), 1, Integer::sum));
        return new Baseline(counts);
    }

    /**
     * Reads a baseline file.
     *
     * @throws IllegalArgumentException naming the file and line of a malformed entry
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static Baseline read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read baseline " + file + ": " + e.getMessage(), e);
        }
        Map<Key, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            counts.merge(Key.parse(line, file, i + 1), 1, Integer::sum);
        }
        return new Baseline(counts);
    }

    /** Writes the baseline, replacing {@code file} only once it is complete. */
    public void write(Path file) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        List<String> lines = new ArrayList<>();
        counts.forEach((key, n) -> {
            for (int i = 0; i < n; i++) {
                lines.add(key.line());
            }
        });
        lines.stream().sorted().forEach(l -> text.append(l).append('\n'));
        try {
            Path absolute = file.toAbsolutePath();
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
            Path temp = Files.createTempFile(absolute.getParent(), ".baseline", ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write baseline " + file + ": " + e.getMessage(), e);
        }
    }

    public int size() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** {@code report} without the findings this baseline knows. */
    public Result apply(AuditReport report) {
        Map<Key, Integer> left = new LinkedHashMap<>(counts);
        List<Finding> fresh = new ArrayList<>();
        int known = 0;
        for (Finding finding : report.findings()) {
            Key key = Key.of(finding);
            int n = left.getOrDefault(key, 0);
            if (n > 0) {
                left.put(key, n - 1);
                known++;
            } else {
                fresh.add(finding);
            }
        }
        List<Key> gone = left.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList();
        AuditReport filtered = new AuditReport(report.fleet(), report.generatedAt(), report.checks(), fresh,
                report.coverageGaps(), report.suppressed());
        return new Result(filtered, known, gone);
    }
}
