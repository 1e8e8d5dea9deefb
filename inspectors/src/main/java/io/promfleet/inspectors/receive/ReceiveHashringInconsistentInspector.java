package io.promfleet.inspectors.receive;

import io.promfleet.api.Finding;
import io.promfleet.api.InspectionContext;
import io.promfleet.api.InspectionScope;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.Node;
import io.promfleet.api.topology.ThanosComponent;
import io.promfleet.api.topology.ThanosRole;
import io.promfleet.api.topology.WorkloadRef;
import io.promfleet.inspectors.support.BundledInspector;
import io.promfleet.inspectors.support.Texts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code receive-hashring-inconsistent}: a Thanos Receive whose hashring ({@code --receive.hashrings-file},
 * usually a mounted ConfigMap, or {@code --receive.hashrings} inline) does not match the Receive
 * StatefulSet it names. Receive routes every series to the endpoint the hashring assigns it: an endpoint
 * for a replica that does not exist, or a pod DNS name under another Service or namespace, makes the writes
 * routed there fail (the agents retry, then drop); a replica the hashring leaves out ingests nothing; and a
 * {@code --receive.replication-factor} above a hashring's endpoint count can never reach its write quorum.
 *
 * <p>Endpoints are read as StatefulSet pod DNS names, {@code <statefulset>-<ordinal>.<service>.<namespace>
 * .svc.<domain>:<port>} (shorter forms resolved through the search path too), and matched to the cluster's
 * Receive StatefulSets by name, so that a router started with a hashring of separate ingesters is judged
 * against the ingesters. An endpoint that is not such a name (an IP address, an external host) is not
 * judged.
 */
public final class ReceiveHashringInconsistentInspector implements BundledInspector {

    private static final Pattern ORDINAL = Pattern.compile("(.+)-(\\d+)");

    @Override
    public String id() {
        return "receive-hashring-inconsistent";
    }

    /** One cluster at a time: a hashring names pods of its own cluster. */
    @Override
    public InspectionScope scope() {
        return InspectionScope.CLUSTER;
    }

    /**
     * High: the writes the hashring routes to a missing endpoint fail, for every edge. A hashring whose only
     * fault is leaving replicas out is medium: every write still lands, on fewer pods than were paid for.
     */
    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    /** A Receive StatefulSet, whose pods a hashring names. */
    private record StatefulSet(String namespace, String name, int replicas, String serviceName) {}

    /** Where a hashring was read from: a ConfigMap key, or ({@code key} null) the workload's own command line. */
    private record Source(String kind, String namespace, String name, String key) {
        @Override
        public String toString() {
            return key == null ? "--receive.hashrings of " + kind + "/" + namespace + "/" + name
                    : kind + "/" + namespace + "/" + name + " key " + key;
        }
    }

    @Override
    public void inspect(InspectionContext context) {
        Texts t = Texts.of(context);
        for (Cluster cluster : context.clustersToInspect()) {
            List<ThanosComponent> receives = cluster.topology().thanos(ThanosRole.RECEIVE);
            List<StatefulSet> statefulSets = statefulSets(cluster, receives);
            Set<String> reported = new HashSet<>();
            for (ThanosComponent receive : receives) {
                inspect(context, t, cluster, receive, statefulSets, reported);
            }
        }
    }

    private void inspect(InspectionContext context, Texts t, Cluster cluster, ThanosComponent receive,
            List<StatefulSet> statefulSets, Set<String> reported) {
        Optional<String> inline = receive.flags().first("receive.hashrings");
        Optional<String> file = receive.flags().first("receive.hashrings-file");
        if (inline.isEmpty() && file.isEmpty()) {
            return; // no hashring: a lone Receive that ingests what it is sent
        }
        WorkloadRef w = receive.workload();
        Source source;
        String text;
        if (inline.isPresent()) {
            source = new Source(w.kind(), w.namespace(), w.name(), null);
            text = inline.get();
        } else {
            Optional<KubeObject> workload = cluster.object(w.kind(), w.namespace(), w.name());
            if (workload.isEmpty()) {
                return; // the topology names it, so the snapshot has it; nothing to read otherwise
            }
            try {
                source = mountedConfigMap(workload.get(), receive.container(), file.get());
            } catch (IllegalArgumentException e) {
                context.coverageGap(cluster.name(), t.get("gap.rhi.unreadable", w, file.get(), e.getMessage()));
                return;
            }
            Source mounted = source;
            Optional<String> data = cluster.object("ConfigMap", mounted.namespace(), mounted.name())
                    .flatMap(cm -> cm.at("data", mounted.key()).text());
            if (data.isEmpty()) {
                context.coverageGap(cluster.name(), t.get("gap.rhi.unreadable", w, file.get(),
                        t.get("rhi.unreadable.configmap", mounted)));
                return;
            }
            text = data.get();
        }
        List<String> problems = new ArrayList<>();
        List<String> unlisted = new ArrayList<>();
        List<Hashring> rings;
        try {
            rings = Hashring.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(t.get("rhi.problem.json", e.getMessage()));
            rings = List.of();
        }
        int replicationFactor = replicationFactor(receive);
        for (Hashring ring : rings) {
            if (replicationFactor > ring.endpoints().size()) {
                problems.add(t.get("rhi.problem.replication", ring.name(), ring.endpoints().size(), replicationFactor));
            }
        }
        problems.addAll(endpointProblems(t, cluster, w.namespace(), rings, statefulSets, unlisted));
        boolean breaksWrites = !problems.isEmpty();
        problems.addAll(unlisted);
        if (problems.isEmpty() || !reported.add(source + " " + problems)) {
            return;
        }
        Finding.Builder finding = context.finding().cluster(cluster.name())
                .object(source.namespace(), source.kind(), source.name());
        if (!breaksWrites) {
            finding.severity(Severity.MEDIUM);
        }
        context.report(finding
                .message(t.get("rhi.message", w, cluster.name(), source, String.join("; ", problems)))
                .remediation(t.get("rhi.remediation", cluster.name(), w.namespace(), source.kind().toLowerCase(java.util.Locale.ROOT),
                        source.name()))
                .evidence("receive", w)
                .evidence("hashring", source)
                .evidence("replicationFactor", replicationFactor)
                .evidence("endpoints", rings.stream().mapToInt(r -> r.endpoints().size()).sum())
                .evidence("statefulSets", statefulSets.isEmpty() ? "(none)" : String.join(", ", statefulSets.stream()
                        .map(s -> s.namespace() + "/" + s.name() + " replicas " + s.replicas() + " serviceName "
                                + s.serviceName()).toList()))
                .build());
    }

    /**
     * What the endpoints get wrong about the StatefulSets whose pods they name; the replicas they leave out
     * go to {@code unlisted}.
     */
    private static List<String> endpointProblems(Texts t, Cluster cluster, String ownNamespace, List<Hashring> rings,
            List<StatefulSet> statefulSets, List<String> unlisted) {
        List<String> problems = new ArrayList<>();
        Map<StatefulSet, TreeSet<Integer>> listed = new LinkedHashMap<>();
        for (Hashring ring : rings) {
            for (String endpoint : ring.endpoints()) {
                String host = host(endpoint);
                String[] labels = host.split("\\.");
                boolean podName = labels.length >= 2 && (labels.length < 4 || labels[3].equals("svc"))
                        && !host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
                if (!podName) {
                    continue; // an IP address or an external name: nothing to compare it with
                }
                Matcher m = ORDINAL.matcher(labels[0]);
                String service = labels[1];
                String namespace = labels.length >= 3 ? labels[2] : ownNamespace;
                String domain = labels.length > 4 ? String.join(".", java.util.Arrays.copyOfRange(labels, 4, labels.length)) : null;
                Optional<StatefulSet> set = m.matches() ? statefulSets.stream().filter(s -> s.name().equals(m.group(1)))
                        .findFirst() : Optional.empty();
                if (set.isEmpty()) {
                    problems.add(t.get("rhi.problem.no-statefulset", endpoint, labels[0]));
                    continue;
                }
                StatefulSet s = set.get();
                int ordinal = Integer.parseInt(m.group(2));
                if (ordinal >= s.replicas()) {
                    problems.add(t.get("rhi.problem.ordinal", endpoint, s.name(), s.replicas(), s.replicas() - 1));
                } else {
                    listed.computeIfAbsent(s, k -> new TreeSet<>()).add(ordinal);
                }
                if (!namespace.equals(s.namespace())) {
                    problems.add(t.get("rhi.problem.namespace", endpoint, namespace, s.name(), s.namespace()));
                } else if (s.serviceName() != null && !service.equals(s.serviceName())) {
                    problems.add(t.get("rhi.problem.service", endpoint, service, s.name(), s.serviceName()));
                }
                if (domain != null && !domain.equals(cluster.domain())) {
                    problems.add(t.get("rhi.problem.domain", endpoint, domain, cluster.name(), cluster.domain()));
                }
            }
        }
        listed.forEach((s, ordinals) -> {
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < s.replicas(); i++) {
                if (!ordinals.contains(i)) {
                    missing.add(s.name() + "-" + i);
                }
            }
            if (!missing.isEmpty()) {
                unlisted.add(t.get("rhi.problem.unlisted", s.name(), s.replicas(), ordinals.size(), String.join(", ", missing)));
            }
        });
        return problems;
    }

    /** {@code host:port} without the port (and without a scheme, which some configurations carry). */
    private static String host(String endpoint) {
        String host = endpoint.replaceFirst("^[a-z]+://", "");
        int colon = host.lastIndexOf(':');
        return colon > 0 && host.indexOf(':') == colon ? host.substring(0, colon) : host;
    }

    private static int replicationFactor(ThanosComponent receive) {
        try {
            return Integer.parseInt(receive.flags().first("receive.replication-factor").orElse("1").trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The cluster's Receive StatefulSets, with the governing Service their pods' DNS names go through. */
    private static List<StatefulSet> statefulSets(Cluster cluster, List<ThanosComponent> receives) {
        List<StatefulSet> sets = new ArrayList<>();
        for (ThanosComponent receive : receives) {
            WorkloadRef w = receive.workload();
            if (!w.kind().equals("StatefulSet") || sets.stream().anyMatch(s -> s.name().equals(w.name())
                    && s.namespace().equals(w.namespace()))) {
                continue;
            }
            String serviceName = cluster.object(w.kind(), w.namespace(), w.name())
                    .flatMap(o -> o.at("spec", "serviceName").text()).filter(s -> !s.isBlank()).orElse(null);
            sets.add(new StatefulSet(w.namespace(), w.name(), receive.replicas(), serviceName));
        }
        return sets;
    }

    /**
     * The ConfigMap key mounted at {@code path} in {@code container} of {@code workload}.
     *
     * @throws IllegalArgumentException saying why the file does not come from a ConfigMap
     */
    private static Source mountedConfigMap(KubeObject workload, String container, String path) {
        Node spec = workload.kind().equals("Pod") ? workload.at("spec") : workload.at("spec", "template", "spec");
        for (Node c : spec.get("containers").elements()) {
            if (container != null && !container.equals(c.get("name").text(""))) {
                continue;
            }
            for (Node mount : c.get("volumeMounts").elements()) {
                String mountPath = mount.get("mountPath").text("").replaceAll("/+$", "");
                String subPath = mount.get("subPath").text(null);
                String file;
                if (subPath != null && path.equals(mountPath)) {
                    file = subPath;
                } else if (subPath == null && !mountPath.isEmpty() && path.startsWith(mountPath + "/")) {
                    file = path.substring(mountPath.length() + 1);
                } else {
                    continue;
                }
                String volumeName = mount.get("name").text("");
                Node volume = spec.get("volumes").elements().stream()
                        .filter(v -> volumeName.equals(v.get("name").text(""))).findFirst().orElse(Node.missing());
                Node configMap = volume.get("configMap");
                if (configMap.isNullOrMissing()) {
                    throw new IllegalArgumentException("volume '" + volumeName + "' is not a ConfigMap");
                }
                String key = file;
                for (Node item : configMap.get("items").elements()) {
                    if (file.equals(item.get("path").text(""))) {
                        key = item.get("key").text(file);
                    }
                }
                return new Source("ConfigMap", workload.namespace(), configMap.get("name").text(""), key);
            }
        }
        throw new IllegalArgumentException("no volume is mounted at " + path);
    }

    /**
     * One hashring of a Thanos hashring configuration: a JSON array of {@code {"hashring": name,
     * "endpoints": [...]}}, each endpoint a {@code "host:port"} string or, since Thanos 0.32, an object
     * with an {@code "address"}.
     */
    record Hashring(String name, List<String> endpoints) {

        static List<Hashring> parse(String text) {
            Object root = new Json(text).document();
            if (!(root instanceof List<?> rings)) {
                throw new IllegalArgumentException("the configuration is not a JSON array of hashrings");
            }
            List<Hashring> parsed = new ArrayList<>();
            for (Object ring : rings) {
                if (!(ring instanceof Map<?, ?> map)) {
                    throw new IllegalArgumentException("a hashring is not a JSON object");
                }
                String name = map.get("hashring") instanceof String s ? s : "default";
                List<String> endpoints = new ArrayList<>();
                if (map.get("endpoints") instanceof List<?> list) {
                    for (Object e : list) {
                        if (e instanceof String s) {
                            endpoints.add(s);
                        } else if (e instanceof Map<?, ?> m && m.get("address") instanceof String s) {
                            endpoints.add(s);
                        } else {
                            throw new IllegalArgumentException("an endpoint of hashring '" + name
                                    + "' is neither \"host:port\" nor {\"address\": \"host:port\"}");
                        }
                    }
                }
                parsed.add(new Hashring(name, endpoints));
            }
            return parsed;
        }
    }

    /** Just enough JSON for a hashring file: the SPI gives checks no parser, and a plugin adds no library. */
    private static final class Json {
        private final String text;
        private int at;

        Json(String text) {
            this.text = text;
        }

        Object document() {
            Object value = value();
            space();
            if (at < text.length()) {
                throw fail("unexpected text after the JSON value");
            }
            return value;
        }

        private Object value() {
            space();
            if (at >= text.length()) {
                throw fail("unexpected end");
            }
            char c = text.charAt(at);
            if (c == '{') {
                Map<String, Object> map = new LinkedHashMap<>();
                at++;
                space();
                if (peek('}')) {
                    return map;
                }
                do {
                    space();
                    String key = string();
                    space();
                    expect(':');
                    map.put(key, value());
                    space();
                } while (peek(','));
                expect('}');
                return map;
            }
            if (c == '[') {
                List<Object> list = new ArrayList<>();
                at++;
                space();
                if (peek(']')) {
                    return list;
                }
                do {
                    list.add(value());
                    space();
                } while (peek(','));
                expect(']');
                return list;
            }
            if (c == '"') {
                return string();
            }
            int start = at;
            while (at < text.length() && "{}[],:\" \t\r\n".indexOf(text.charAt(at)) < 0) {
                at++;
            }
            String word = text.substring(start, at);
            if (word.equals("true") || word.equals("false")) {
                return Boolean.valueOf(word);
            }
            if (word.equals("null")) {
                return null;
            }
            if (word.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?")) {
                return word;
            }
            throw fail("unexpected token");
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (at < text.length() && text.charAt(at) != '"') {
                char c = text.charAt(at++);
                if (c == '\\' && at < text.length()) {
                    char e = text.charAt(at++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'u' -> {
                            if (at + 4 > text.length()) {
                                throw fail("short \\u escape");
                            }
                            sb.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                            at += 4;
                        }
                        default -> sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
            expect('"');
            return sb.toString();
        }

        private void space() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private boolean peek(char c) {
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw fail("expected '" + c + "'");
            }
        }

        /** Names the position, never the text: a configuration may hold a secret. */
        private IllegalArgumentException fail(String what) {
            int line = 1;
            for (int i = 0; i < Math.min(at, text.length()); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return new IllegalArgumentException("invalid JSON at line " + line + ": " + what);
        }
    }
}
