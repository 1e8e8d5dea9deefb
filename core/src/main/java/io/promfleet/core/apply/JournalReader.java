package io.promfleet.core.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promfleet.core.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a journal back, for resuming and for rollback. A journal is input too (it may be truncated, edited or
 * forged, and rollback writes its before-states to clusters), so every line is checked and an error names the
 * file and line. A last line cut short (a crash while it was written) is not an error: the change it would have
 * announced was not made, since a change is made only after its line is synced.
 */
public final class JournalReader {

    /** What a journal holds. */
    public record Contents(List<JournalEntry> entries, List<String> warnings) {}

    private static final Set<String> REF_FIELDS = Set.of("apiVersion", "kind", "namespace", "name", "release", "chart",
            "chartVersion", "service", "port", "method", "path");

    private final ObjectMapper mapper = new ObjectMapper();

    public JournalReader() {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
    }

    public Contents read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read the journal: " + e.getMessage(), e);
        }
        List<JournalEntry> entries = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean last = i == lines.length - 1;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = mapper.readTree(line);
                entries.add(entry(node, file, i + 1, entries.size() + 1L));
            } catch (JsonProcessingException e) {
                if (last) {
                    warnings.add(file + ":" + (i + 1) + ": an incomplete last line (a crash while writing it) was ignored");
                    continue;
                }
                throw InputException.at(file, i + 1, "not a JSON object: " + e.getOriginalMessage());
            }
        }
        return new Contents(entries, warnings);
    }

    @SuppressWarnings("unchecked")
    private JournalEntry entry(JsonNode n, Path file, int line, long expectedSeq) {
        if (!n.isObject()) {
            throw InputException.at(file, line, "not a JSON object");
        }
        Reader r = new Reader(n, file, line);
        long seq = r.number("seq", true);
        if (seq != expectedSeq) {
            throw InputException.at(file, line, "seq: is " + seq + ", expected " + expectedSeq
                    + " (lines are numbered in order; was the journal edited?)");
        }
        JournalEntry.Type type;
        try {
            type = JournalEntry.Type.of(r.text("type", true));
        } catch (IllegalArgumentException e) {
            throw InputException.at(file, line, "type: " + e.getMessage());
        }
        Instant time;
        try {
            time = Instant.parse(r.text("time", true));
        } catch (DateTimeParseException e) {
            throw InputException.at(file, line, "time: not an ISO-8601 instant");
        }
        if (!n.path("dryRun").isBoolean()) {
            throw InputException.at(file, line, "dryRun: must be true or false");
        }
        boolean dryRun = n.get("dryRun").asBoolean();
        boolean change = type == JournalEntry.Type.CHANGE || type == JournalEntry.Type.UNDO;
        Map<String, Object> ref = change ? r.object("ref", true) : null;
        if (ref != null) {
            for (String key : ref.keySet()) {
                if (!REF_FIELDS.contains(key)) {
                    throw InputException.at(file, line, "ref." + key + ": not a field of an object reference");
                }
            }
        }
        Map<String, Object> before = change ? r.object("before", false) : null;
        Map<String, Object> after = change ? r.object("after", false) : null;
        for (Map<String, Object> tree : new Map[] {before, after}) {
            // A journal never holds a Secret; a line that does was not written by promfleet.
            if (tree != null && "Secret".equals(tree.get("kind"))) {
                throw InputException.at(file, line, "holds a Secret; promfleet never journals (or restores) Secrets");
            }
        }
        if (ref != null && "Secret".equals(ref.get("kind"))) {
            throw InputException.at(file, line, "ref: a Secret; promfleet never journals (or restores) Secrets");
        }
        Map<String, String> contexts = null;
        if (n.has("contexts")) {
            contexts = new LinkedHashMap<>();
            Map<String, Object> raw = r.object("contexts", true);
            for (Map.Entry<String, Object> e : raw.entrySet()) {
                if (!(e.getValue() instanceof String s)) {
                    throw InputException.at(file, line, "contexts." + e.getKey() + ": must be a string");
                }
                contexts.put(e.getKey(), s);
            }
        }
        Long of = n.has("of") ? r.number("of", true) : null;
        if (of != null && (of < 1 || of >= seq)) {
            throw InputException.at(file, line, "of: " + of + " names no earlier line");
        }
        JournalEntry entry = new JournalEntry(seq, type, time, dryRun, r.text("command", false), r.text("plan", false),
                r.text("planSha256", false), r.text("fleet", false), contexts,
                n.has("step") ? (int) r.number("step", true) : null, r.text("id", false),
                n.has("index") ? (int) r.number("index", true) : null, r.text("cluster", false),
                r.text("change", false), ref, r.text("operation", false), before, after, of, r.text("result", false),
                n.has("passed") ? n.get("passed").asBoolean() : null, r.text("checked", false), r.text("saw", false),
                // Journals written before FAILED lines existed have neither field: both stay null.
                n.has("status") ? (int) r.number("status", true) : null, r.text("message", false));
        require(entry, file, line);
        return entry;
    }

    /** The fields each type needs. */
    private static void require(JournalEntry e, Path file, int line) {
        List<String> missing = new ArrayList<>();
        switch (e.type()) {
            case RUN -> {
                if (e.command() == null) {
                    missing.add("command");
                }
            }
            case CHANGE, UNDO -> {
                if (e.cluster() == null) {
                    missing.add("cluster");
                }
                if (e.change() == null) {
                    missing.add("change");
                }
                if (e.operation() == null) {
                    missing.add("operation");
                }
                if (e.type() == JournalEntry.Type.CHANGE && (e.step() == null || e.id() == null || e.index() == null)) {
                    missing.add("step/id/index");
                }
                if (e.type() == JournalEntry.Type.UNDO && e.of() == null) {
                    missing.add("of");
                }
            }
            case DONE -> {
                if (e.of() == null) {
                    missing.add("of");
                }
            }
            case FAILED -> {
                if (e.of() == null) {
                    missing.add("of");
                }
                if (e.status() == null) {
                    missing.add("status");
                }
            }
            case GATE, STEP_DONE -> {
                if (e.step() == null || e.id() == null) {
                    missing.add("step/id");
                }
            }
            default -> { }
        }
        if (!missing.isEmpty()) {
            throw InputException.at(file, line, e.type().id() + " entry without " + String.join(", ", missing));
        }
    }

    /** Typed field access with errors naming the line. */
    private final class Reader {
        final JsonNode n;
        final Path file;
        final int line;

        Reader(JsonNode n, Path file, int line) {
            this.n = n;
            this.file = file;
            this.line = line;
        }

        String text(String field, boolean required) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    throw InputException.at(file, line, field + ": missing");
                }
                return null;
            }
            if (!v.isTextual()) {
                throw InputException.at(file, line, field + ": must be a string");
            }
            return v.asText();
        }

        long number(String field, boolean required) {
            JsonNode v = n.get(field);
            if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
                throw InputException.at(file, line, field + ": must be a whole number");
            }
            return v.asLong();
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object(String field, boolean required) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    throw InputException.at(file, line, field + ": missing");
                }
                return null;
            }
            if (!v.isObject()) {
                throw InputException.at(file, line, field + ": must be an object or null");
            }
            return mapper.convertValue(v, LinkedHashMap.class);
        }
    }
}
