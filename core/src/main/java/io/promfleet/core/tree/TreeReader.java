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
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads YAML (one or many documents) and JSON into plain trees with line numbers, through Jackson's
 * streaming parser so that each object's start line is known.
 */
public final class TreeReader {

    /** A snapshot file larger than this is refused rather than read into memory. */
    public static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

    private static final int MAX_DEPTH = 200;

    private final JsonFactory yaml;
    private final JsonFactory json;

    public TreeReader() {
        LoaderOptions options = new LoaderOptions();
        // SnakeYAML refuses documents over 3 MB by default; real `kubectl get -A -o yaml` exports of a
        // busy cluster are larger. The file size limit above still bounds memory.
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, MAX_FILE_BYTES));
        // Alias expansion is the "billion laughs" vector; Kubernetes exports never use aliases heavily.
        options.setMaxAliasesForCollections(50);
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
            if (size > MAX_FILE_BYTES) {
                throw InputException.at(file, 0, "file is " + size + " bytes, more than the limit of "
                        + MAX_FILE_BYTES + " bytes");
            }
        } catch (IOException e) {
            throw InputException.at(file, 0, "cannot read: " + e.getMessage());
        }
        boolean isJson = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        try (InputStream in = Files.newInputStream(file);
                JsonParser parser = (isJson ? json : yaml).createParser(in)) {
            return readAll(parser, file);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw InputException.at(file, line, (isJson ? "invalid JSON: " : "invalid YAML: ") + e.getOriginalMessage());
        } catch (IOException e) {
            throw InputException.at(file, 0, "cannot read: " + e.getMessage());
        }
    }

    /** Reads YAML text, e.g. a Prometheus configuration held in a ConfigMap; {@code origin} names it in errors. */
    public LocatedTree readYaml(String text, String origin) {
        try (Reader reader = new StringReader(text); JsonParser parser = yaml.createParser(reader)) {
            return readAll(parser, Path.of(origin));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InputException(origin + (line > 0 ? ":" + line : "") + ": invalid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InputException(origin + ": cannot read: " + e.getMessage());
        }
    }

    private static LocatedTree readAll(JsonParser parser, Path file) throws IOException {
        List<Object> documents = new ArrayList<>();
        Map<Object, Integer> lines = new IdentityHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            documents.add(value(parser, token, lines, file));
        }
        return new LocatedTree(documents, lines);
    }

    private static Object value(JsonParser parser, JsonToken token, Map<Object, Integer> lines, Path file)
            throws IOException {
        switch (token) {
            case START_OBJECT -> {
                int line = parser.currentTokenLocation().getLineNr();
                Map<String, Object> map = new LinkedHashMap<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_OBJECT) {
                    if (next != JsonToken.FIELD_NAME) {
                        throw InputException.at(file, parser.currentTokenLocation().getLineNr(),
                                "expected a field name, found " + next);
                    }
                    String name = parser.currentName();
                    map.put(name, value(parser, parser.nextToken(), lines, file));
                }
                lines.put(map, line);
                return map;
            }
            case START_ARRAY -> {
                int line = parser.currentTokenLocation().getLineNr();
                List<Object> list = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(value(parser, next, lines, file));
                }
                lines.put(list, line);
                return list;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return parser.getNumberValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> {
                // YAML tags such as !!binary surface as embedded objects; their text is what a reader saw.
                return parser.getText();
            }
        }
    }
}
