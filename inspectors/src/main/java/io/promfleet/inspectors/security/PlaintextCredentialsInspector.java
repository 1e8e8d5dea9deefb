package io.promfleet.inspectors.security;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.InspectionScope;
import io.promfleet.inspectors.support.BundledInspector;
import io.promfleet.inspectors.support.Texts;
import io.promfleet.api.Severity;
import io.promfleet.api.model.Cluster;
import io.promfleet.api.model.KubeObject;
import io.promfleet.api.model.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code plaintext-credentials}: a password, token or secret key written as plain text where anyone who
 * can read the object sees it — a ConfigMap's data, a container's env {@code value}, or a command-line
 * flag — instead of a Secret reference ({@code valueFrom.secretKeyRef}, a mounted file, {@code *_file}).
 *
 * <p>The finding names where the credential is (object, key or container, field), never its value: the
 * value is read only to tell a real one from an empty field or a placeholder such as {@code $(VAR)}.
 * Pods owned by a controller are skipped, their workload is reported once instead. Secrets are never
 * read for values: their values are removed when the snapshot is loaded.
 */
public final class PlaintextCredentialsInspector implements BundledInspector {

    /** Configuration keys that hold a secret inline; their {@code *_file} twins do not. */
    private static final Pattern CONFIG_KEY = Pattern.compile(
            "^\\s*-?\\s*[\"']?(password|passwd|bearer_token|credentials|client_secret|secret_key|secret_access_key"
                    + "|access_key_secret|api_key|auth_token|token)[\"']?\\s*[:=]\\s*(.*)$",
            Pattern.CASE_INSENSITIVE);

    /** Environment variable and flag names that hold a secret. */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|secret|token|access[_-]?key|api[_-]?key|credential).*");

    /** Names that only point at a secret (a file, a path, a Secret's name) or configure its use. */
    private static final Pattern REFERENCE_NAME = Pattern.compile(
            "(?i).*([_-](file|path|dir|name|ref|id|header|type|enabled|ttl|expiry|period|endpoint|url))$");

    private static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet");

    @Override
    public String id() {
        return "plaintext-credentials";
    }

    /** One cluster at a time (with the centrals beside it): nothing here compares clusters. */
    @Override
    public InspectionScope scope() {
        return InspectionScope.CLUSTER;
    }

    /** High: the credential is exposed to every reader of the object and of its exports, and must be rotated. */
    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public void inspect(InspectionContext context) {
        for (Cluster cluster : context.clustersToInspect()) {
            Texts t = Texts.of(context);
            cluster.objectsOfKind("ConfigMap").forEach(map -> configMap(context, t, cluster, map));
            for (KubeObject object : cluster.objects()) {
                if (WORKLOAD_KINDS.contains(object.kind())) {
                    containers(context, t, cluster, object, object.at("spec", "template", "spec"));
                } else if (object.kind().equals("Pod") && object.controller().isEmpty()) {
                    containers(context, t, cluster, object, object.at("spec"));
                }
            }
        }
    }

    private void configMap(InspectionContext context, Texts t, Cluster cluster, KubeObject map) {
        List<String> places = new ArrayList<>();
        for (Map.Entry<String, Node> entry : map.at("data").fields().entrySet()) {
            String[] lines = entry.getValue().text("").split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = CONFIG_KEY.matcher(lines[i]);
                if (m.matches() && isLiteral(m.group(2))) {
                    places.add(t.get("pc.place.data", entry.getKey(), i + 1, m.group(1)));
                }
            }
        }
        report(context, t, cluster, map, places);
    }

    private void containers(InspectionContext context, Texts t, Cluster cluster, KubeObject object, Node podSpec) {
        List<String> places = new ArrayList<>();
        List<Node> containers = new ArrayList<>(podSpec.get("initContainers").elements());
        containers.addAll(podSpec.get("containers").elements());
        for (Node container : containers) {
            String name = container.get("name").text("?");
            for (Node env : container.get("env").elements()) {
                String var = env.get("name").text("");
                if (env.get("value").isScalar() && isSecretName(var) && isLiteral(env.get("value").text(""))) {
                    places.add(t.get("pc.place.env", name, var));
                }
            }
            List<String> words = new ArrayList<>(container.get("command").textElements());
            words.addAll(container.get("args").textElements());
            for (String word : words) {
                int eq = word.indexOf('=');
                if (!word.startsWith("-") || eq < 0) {
                    continue;
                }
                String flag = word.substring(0, eq).replaceFirst("^-+", "");
                String value = word.substring(eq + 1);
                if (isSecretName(flag) && isLiteral(value)) {
                    places.add(t.get("pc.place.flag", name, flag));
                } else if (flag.endsWith("config") && CONFIG_KEY.matcher(value.replace("\\n", "\n")).find()) {
                    // an inline YAML configuration such as --objstore.config with a secret_key in it
                    for (String line : value.split("\\\\n|\n")) {
                        Matcher m = CONFIG_KEY.matcher(line.replaceAll("^[{,\\s]+", ""));
                        if (m.matches() && isLiteral(m.group(2))) {
                            places.add(t.get("pc.place.flag-key", name, flag, m.group(1)));
                        }
                    }
                }
            }
        }
        report(context, t, cluster, object, places);
    }

    private void report(InspectionContext context, Texts t, Cluster cluster, KubeObject object, List<String> places) {
        if (places.isEmpty()) {
            return;
        }
        context.report(context.finding().cluster(cluster.name()).object(object)
                .message(t.get("pc.message", object.kind(), object.namespace(), object.name(), places.size(),
                        String.join("; ", places)))
                .remediation(t.get("pc.remediation", object.kind().toLowerCase(Locale.ROOT), object.name(),
                        object.namespace()))
                .evidence("locations", String.join("; ", places))
                .evidence("count", places.size())
                .build());
    }

    static boolean isSecretName(String name) {
        return SECRET_NAME.matcher(name).matches() && !REFERENCE_NAME.matcher(name).matches();
    }

    /** True for a value that is a credential itself, not empty, a reference or a placeholder. */
    static boolean isLiteral(String raw) {
        String v = raw.trim();
        if (v.startsWith("#")) {
            return false;
        }
        int comment = v.indexOf(" #");
        if (comment > 0) {
            v = v.substring(0, comment).trim();
        }
        v = v.replaceAll("^[\"']|[\"',}]+$", "").trim();
        return !v.isEmpty() && !v.equals("null") && !v.equals("~") && !v.equals("|") && !v.equals(">")
                && !v.startsWith("$") && !v.startsWith("<") && !v.startsWith("{{") && !v.startsWith("/")
                && !v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false");
    }
}
