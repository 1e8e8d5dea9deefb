package io.promfleet.api.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code --name=value} flags of a container's command line. A flag without {@code =} has the value
 * {@code "true"}; a repeated flag keeps every value in order. Positional words (a Thanos subcommand) are
 * kept apart.
 */
public record Flags(Map<String, List<String>> values, List<String> positional) {

    public Flags {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        values = Collections.unmodifiableMap(copy);
        positional = List.copyOf(positional);
    }

    /** Parses command-line words such as a container's {@code command} followed by its {@code args}. */
    public static Flags parse(List<String> words) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (String word : words) {
            if (word.startsWith("--") || (word.startsWith("-") && word.length() > 1 && !word.startsWith("-="))) {
                String body = word.startsWith("--") ? word.substring(2) : word.substring(1);
                int eq = body.indexOf('=');
                String name = eq < 0 ? body : body.substring(0, eq);
                String value = eq < 0 ? "true" : body.substring(eq + 1);
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                positional.add(word);
            }
        }
        return new Flags(values, positional);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The first value of {@code name}. */
    public Optional<String> first(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** Every value of {@code name}, in order. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }
}
