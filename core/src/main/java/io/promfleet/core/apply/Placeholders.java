package io.promfleet.core.apply;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${loadBalancer:CLUSTER/NAMESPACE/SERVICE}} placeholders a plan leaves where an address is known only
 * once an earlier step ran (the central Receive's LoadBalancer). Resolved at apply time from the Service's
 * {@code status.loadBalancer.ingress}, or replaced by {@code --receive-url} as a whole URL.
 */
final class Placeholders {

    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{loadBalancer:([^/}]+)/([^/}]+)/([^/}]+)}");

    /** A URL around a placeholder, as the repoint remediator writes it: scheme, host, port, path. */
    private static final Pattern URL = Pattern.compile("https?://" + PLACEHOLDER.pattern() + "(?::\\d+)?(?:/api/v1/receive)?");

    private Placeholders() {}

    /** Every placeholder in {@code tree}: {@code [cluster, namespace, service]}. */
    static Set<List<String>> find(Object tree) {
        Set<List<String>> found = new LinkedHashSet<>();
        walk(tree, s -> {
            Matcher m = PLACEHOLDER.matcher(s);
            while (m.find()) {
                found.add(List.of(m.group(1), m.group(2), m.group(3)));
            }
            return s;
        });
        return found;
    }

    /** {@code tree} with every placeholder URL replaced by {@code receiveUrl}. */
    static Object withUrl(Object tree, String receiveUrl) {
        URI uri = URI.create(receiveUrl);
        return walk(tree, s -> PLACEHOLDER.matcher(URL.matcher(s).replaceAll(Matcher.quoteReplacement(receiveUrl)))
                .replaceAll(Matcher.quoteReplacement(uri.getHost() == null ? receiveUrl : uri.getHost())));
    }

    /** {@code tree} with every placeholder replaced by the address {@code addresses} gives it. */
    static Object withAddresses(Object tree, Function<List<String>, Optional<String>> addresses) {
        return walk(tree, s -> {
            Matcher m = PLACEHOLDER.matcher(s);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String address = addresses.apply(List.of(m.group(1), m.group(2), m.group(3))).orElse(m.group());
                m.appendReplacement(out, Matcher.quoteReplacement(address));
            }
            m.appendTail(out);
            return out.toString();
        });
    }

    private static Object walk(Object tree, Function<String, String> strings) {
        if (tree instanceof String s) {
            return strings.apply(s);
        }
        if (tree instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), walk(v, strings)));
            return copy;
        }
        if (tree instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(walk(v, strings)));
            return copy;
        }
        return tree;
    }
}
