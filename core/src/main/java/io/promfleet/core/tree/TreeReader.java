package io.promfleet.core.tree;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.promfleet.core.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML (one or many documents) and JSON into plain trees with line numbers, through Jackson's
 * streaming parser so that each object's start line is known.
 *
 * <p>Jackson's YAML parser hands an alias ({@code *name}) over as the plain string {@code "name"}, so this
 * reader resolves aliases and {@code <<} merge keys itself, within a budget that refuses "billion laughs"
 * documents. Duplicate keys are an error rather than a silent overwrite. Error messages never quote the
 * offending source text: it may be a Secret's value.
 */
public final class TreeReader {

    /** A snapshot file larger than this is refused rather than read into memory. */
    public static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

    private static final int MAX_DEPTH = 200;

    /**
     * How many nodes aliases may copy in one file. Real configurations alias a few small blocks; a
     * "billion laughs" document needs billions, and each copy is materialised once the tree is frozen.
     */
    static final long MAX_ALIASED_NODES = 100_000;

    private static final String MERGE_KEY = "<<";

    private final long maxFileBytes;
    private final JsonFactory yaml;
    private final JsonFactory json;

    public TreeReader() {
        this(MAX_FILE_BYTES);
    }

    /** A reader refusing files over {@code maxFileBytes}; tests use a small limit. */
    TreeReader(long maxFileBytes) {
        this.maxFileBytes = maxFileBytes;
        LoaderOptions options = new LoaderOptions();
        // SnakeYAML refuses documents over 3 MB by default; real `kubectl get -A -o yaml` exports of a
        // busy cluster are larger. The file size limit above still bounds memory.
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, maxFileBytes));
        options.setNestingDepthLimit(MAX_DEPTH);
        this.yaml = YAMLFactory.builder().loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                .build();
        this.json = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                .build();
    }

    /** Reads {@code file}, as JSON when its name ends in {@code .json}, as YAML otherwise. */
    public LocatedTree read(Path file) {
        try {
            long size = Files.size(file);
            if (size > maxFileBytes) {
                throw InputException.at(file, 0, "file is " + size + " bytes, more than the limit of "
                        + maxFileBytes + " bytes");
            }
        } catch (IOException e) {
            throw InputException.at(file, 0, "cannot read: " + e.getMessage());
        }
        boolean isJson = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        try (InputStream in = Files.newInputStream(file);
                JsonParser parser = (isJson ? json : yaml).createParser(in)) {
            return new Builder(parser, file.toString()).readAll();
        } catch (JsonProcessingException e) {
            throw syntaxError(file.toString(), isJson ? "JSON" : "YAML", e);
        } catch (IOException e) {
            throw InputException.at(file, 0, "cannot read: " + e.getMessage());
        }
    }

    /** Reads YAML text, e.g. a Prometheus configuration held in a ConfigMap; {@code origin} names it in errors. */
    public LocatedTree readYaml(String text, String origin) {
        try (Reader reader = new StringReader(text); JsonParser parser = yaml.createParser(reader)) {
            return new Builder(parser, origin).readAll();
        } catch (JsonProcessingException e) {
            throw syntaxError(origin, "YAML", e);
        } catch (IOException e) {
            throw new InputException(origin + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * {@code origin:line: invalid YAML: what}, without the source excerpt SnakeYAML appends and without
     * the token text Jackson quotes: either may be a secret.
     */
    private static InputException syntaxError(String origin, String format, JsonProcessingException e) {
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        String what = e.getOriginalMessage();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked) {
                what = (marked.getContext() == null ? "" : marked.getContext() + ": ") + marked.getProblem();
                if (marked.getProblemMark() != null) {
                    line = marked.getProblemMark().getLine() + 1;
                }
                break;
            }
        }
        what = String.valueOf(what).replaceAll("Unrecognized token '[^']*'", "Unrecognized token").strip();
        return new InputException(origin + (line > 0 ? ":" + line : "") + ": invalid " + format + ": " + what);
    }

    /** The state of reading one file: line numbers, anchors seen so far, and the alias budget spent. */
    private static final class Builder {
        private final JsonParser parser;
        private final YAMLParser yamlParser;
        private final String origin;
        private final Map<Object, Integer> lines = new IdentityHashMap<>();
        private final Map<String, Anchored> anchors = new HashMap<>();
        private long nodes;
        private long aliasedNodes;

        /** A value an anchor names, and how many nodes a copy of it adds. */
        private record Anchored(Object value, long weight) {}

        Builder(JsonParser parser, String origin) {
            this.parser = parser;
            this.yamlParser = parser instanceof YAMLParser y ? y : null;
            this.origin = origin;
        }

        LocatedTree readAll() throws IOException {
            List<Object> documents = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                Object document = value(token);
                // An empty YAML document ("---" followed by nothing) arrives as an empty scalar.
                boolean empty = yamlParser != null && "".equals(document) && !yamlParser.isCurrentAlias();
                documents.add(empty ? null : document);
            }
            return new LocatedTree(documents, lines);
        }

        private Object value(JsonToken token) throws IOException {
            int line = parser.currentTokenLocation().getLineNr();
            if (yamlParser != null && yamlParser.isCurrentAlias()) {
                return alias(yamlParser.getText(), line);
            }
            String anchor = yamlParser == null ? null : yamlParser.getCurrentAnchor();
            long before = nodes;
            nodes++;
            Object value = switch (token) {
                case START_OBJECT -> object(line);
                case START_ARRAY -> array(line);
                case VALUE_STRING -> parser.getText();
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NULL -> null;
                // YAML tags such as !!binary surface as embedded objects; their text is what a reader saw.
                default -> parser.getText();
            };
            if (anchor != null) {
                anchors.put(anchor, new Anchored(value, nodes - before));
            }
            return value;
        }

        private Object alias(String name, int line) {
            Anchored anchored = anchors.get(name);
            if (anchored == null) {
                throw error(line, "alias *" + name + " refers to no anchor &" + name + " defined before it");
            }
            nodes += anchored.weight();
            aliasedNodes += anchored.weight();
            if (aliasedNodes > MAX_ALIASED_NODES) {
                throw error(line, "YAML aliases expand to more than " + MAX_ALIASED_NODES
                        + " nodes; refusing what looks like an alias bomb (\"billion laughs\")");
            }
            return anchored.value();
        }

        private Map<String, Object> object(int line) throws IOException {
            Map<String, Object> map = new LinkedHashMap<>();
            List<Object> merged = new ArrayList<>();
            JsonToken next;
            while ((next = parser.nextToken()) != JsonToken.END_OBJECT) {
                int fieldLine = parser.currentTokenLocation().getLineNr();
                if (next != JsonToken.FIELD_NAME) {
                    throw error(fieldLine, "expected a field name, found " + next);
                }
                String name = parser.currentName();
                Object value = value(parser.nextToken());
                if (yamlParser != null && name.equals(MERGE_KEY)) {
                    merged.add(value);
                } else if (map.containsKey(name)) {
                    throw error(fieldLine, "duplicate key '" + name + "'");
                } else {
                    map.put(name, value);
                }
            }
            for (Object source : merged) {
                merge(map, source, line);
            }
            lines.put(map, line);
            return map;
        }

        /** YAML 1.1 merge keys: keys of the mapping itself win, then earlier merged mappings. */
        private void merge(Map<String, Object> into, Object source, int line) {
            if (source instanceof Map<?, ?> map) {
                map.forEach((k, v) -> into.putIfAbsent(String.valueOf(k), v));
            } else if (source instanceof List<?> list && list.stream().allMatch(Map.class::isInstance)) {
                list.forEach(m -> merge(into, m, line));
            } else {
                throw error(line, "the value of a '<<' merge key must be a mapping or a list of mappings");
            }
        }

        private List<Object> array(int line) throws IOException {
            List<Object> list = new ArrayList<>();
            JsonToken next;
            while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                list.add(value(next));
            }
            lines.put(list, line);
            return list;
        }

        private InputException error(int line, String message) {
            return new InputException(origin + (line > 0 ? ":" + line : "") + ": " + message);
        }
    }
}
