package io.promfleet.core.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promfleet.api.model.Node;
import io.promfleet.api.model.PromDuration;
import io.promfleet.api.plan.Action;
import io.promfleet.api.plan.ApiRequest;
import io.promfleet.api.plan.Change;
import io.promfleet.api.plan.Gate;
import io.promfleet.api.plan.HelmValuesChange;
import io.promfleet.api.plan.ObjectChange;
import io.promfleet.api.plan.Phase;
import io.promfleet.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what {@link PlanJsonWriter} wrote, for {@code apply --plan}. A plan file is input a person may have
 * edited (or someone may have forged), so every field is checked and an error names the file, the step and
 * the field: {@code plan.json: steps[3] (deploy-receive-cluster-01): changes[1].kind: missing}. The model's
 * own safety rules (one cluster per action, ids) hold as they do for a planned plan. The findings a plan
 * left unaddressed are for a person and are not read back.
 */
public final class PlanJsonReader {

    /** A plan is a few MB at most; a larger file is not one promfleet wrote. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    public PlanJsonReader() {
        // Deeply nested hostile input fails with a message, not a StackOverflowError.
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
    }

    /** @throws InputException naming {@code file} and the field at fault */
    public Plan read(Path file) {
        JsonNode root;
        try {
            if (!Files.isRegularFile(file)) {
                throw new InputException(file + ": no such plan file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new InputException(file + ": larger than " + MAX_BYTES / (1024 * 1024) + " MB, not a plan");
            }
            root = mapper.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw InputException.at(file, at == null ? 0 : at.getLineNr(), "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InputException(file + ": cannot be read: " + e.getMessage(), e);
        }
        return parse(root, file.toString());
    }

    /** Parses a plan tree; {@code source} names it in errors. */
    public Plan parse(JsonNode root, String source) {
        Fields plan = new Fields(root, source);
        if (root == null || !root.isObject()) {
            throw new InputException(source + ": not a JSON object, not a plan");
        }
        String format = plan.text("format");
        if (!PlanJsonWriter.FORMAT.equals(format)) {
            throw new InputException(source + ": format: '" + format + "' is not " + PlanJsonWriter.FORMAT);
        }
        String fleet = plan.text("fleet");
        Instant generatedAt = plan.convert("generatedAt", Instant::parse);
        Duration gateWindow = plan.convert("gateWindow", PromDuration::parse);
        boolean purgeData = plan.bool("purgeData");
        JsonNode steps = plan.array("steps");
        List<PlanStep> result = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            JsonNode s = steps.get(i);
            String id = s.path("id").asText("?");
            Fields step = new Fields(s, source + ": steps[" + i + "] (" + id + ")");
            result.add(step(step, i + 1));
        }
        return new Plan(fleet, generatedAt, gateWindow, purgeData, result, List.of());
    }

    private static PlanStep step(Fields s, int expected) {
        int number = s.integer("step");
        if (number != expected) {
            throw s.error("step", "is " + number + ", expected " + expected + " (steps are numbered in order from 1)");
        }
        Phase phase = s.convert("phase", Phase::of);
        String cluster = s.optionalText("cluster");
        String type = s.text("type");
        return switch (type) {
            case "gate" -> new PlanStep(number, phase, cluster, null, s.build(() -> new Gate(s.text("id"), phase, cluster,
                    s.text("description"), s.convert("api", PlanJsonReader::api), s.text("query"),
                    s.convert("window", PromDuration::parse))));
            case "action" -> {
                if (cluster == null) {
                    throw s.error("cluster", "missing: an action changes one cluster");
                }
                JsonNode changes = s.array("changes");
                List<Change> list = new ArrayList<>();
                for (int c = 0; c < changes.size(); c++) {
                    list.add(change(new Fields(changes.get(c), s.where + ": changes[" + c + "]"), cluster));
                }
                List<String> addresses = new ArrayList<>();
                s.array("addresses").forEach(a -> addresses.add(a.asText()));
                yield new PlanStep(number, phase, cluster, s.build(() -> new Action(s.text("id"), phase, cluster,
                        s.text("description"), list, s.optionalText("verification"), s.optionalText("undo"),
                        addresses)), null);
            }
            default -> throw s.error("type", "'" + type + "' is neither action nor gate");
        };
    }

    private static Change change(Fields c, String cluster) {
        String type = c.text("type");
        return switch (type) {
            case "object" -> {
                ObjectChange change = c.build(() -> new ObjectChange(cluster, c.text("apiVersion"), c.text("kind"),
                        c.optionalText("namespace"), c.text("name"), c.tree("before"), c.tree("after")));
                String operation = c.text("operation");
                if (!operation.equals(change.operation().id())) {
                    throw c.error("operation", "says " + operation + " but before/after make it a "
                            + change.operation().id());
                }
                yield change;
            }
            case "helm-values" -> c.build(() -> new HelmValuesChange(cluster, c.text("release"), c.text("namespace"),
                    c.text("chart"), c.optionalText("chartVersion"), c.strings("set"), c.strings("previous")));
            case "api-request" -> c.build(() -> new ApiRequest(cluster, c.text("namespace"), c.text("service"),
                    c.text("port"), c.text("method"), c.text("path"), c.optionalText("purpose")));
            default -> throw c.error("type", "'" + type + "' is not object, helm-values or api-request");
        };
    }

    private static Gate.Api api(String id) {
        for (Gate.Api api : Gate.Api.values()) {
            if (api.id().equals(id)) {
                return api;
            }
        }
        throw new IllegalArgumentException("unknown API '" + id + "'");
    }

    /** The fields of one JSON object, each read with an error that says where. */
    private static final class Fields {
        final JsonNode node;
        final String where;

        Fields(JsonNode node, String where) {
            this.node = node;
            this.where = where;
            if (node == null || !node.isObject()) {
                throw new InputException(where + ": not a JSON object");
            }
        }

        InputException error(String field, String message) {
            return new InputException(where + ": " + field + ": " + message);
        }

        String text(String field) {
            String value = optionalText(field);
            if (value == null) {
                throw error(field, "missing");
            }
            return value;
        }

        String optionalText(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isTextual()) {
                throw error(field, "must be a string, is " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            return v.asText();
        }

        int integer(String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
                throw error(field, "must be a whole number");
            }
            return v.asInt();
        }

        boolean bool(String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.isBoolean()) {
                throw error(field, "must be true or false");
            }
            return v.asBoolean();
        }

        JsonNode array(String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.isArray()) {
                throw error(field, "must be a list");
            }
            return v;
        }

        Map<String, String> strings(String field) {
            JsonNode v = node.get(field);
            Map<String, String> result = new LinkedHashMap<>();
            if (v == null || v.isNull()) {
                return result;
            }
            if (!v.isObject()) {
                throw error(field, "must be an object of strings");
            }
            v.fields().forEachRemaining(e -> {
                if (!e.getValue().isValueNode()) {
                    throw error(field + "." + e.getKey(), "must be a string");
                }
                result.put(e.getKey(), e.getValue().asText());
            });
            return result;
        }

        @SuppressWarnings("unchecked")
        Node tree(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return Node.missing();
            }
            if (!v.isObject()) {
                throw error(field, "must be a Kubernetes object or null");
            }
            return Node.of(MAPPER.convertValue(v, Map.class));
        }

        <T> T convert(String field, java.util.function.Function<String, T> parser) {
            String text = text(field);
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw error(field, e.getMessage());
            }
        }

        /** Builds a model record, whose validation errors then name this object. */
        <T> T build(java.util.function.Supplier<T> builder) {
            try {
                return builder.get();
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InputException(where + ": " + e.getMessage(), e);
            }
        }

        private static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
