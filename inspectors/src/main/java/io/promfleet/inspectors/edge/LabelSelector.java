package io.promfleet.inspectors.edge;

import io.promfleet.api.model.Node;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes label selector ({@code matchLabels} and {@code matchExpressions}, as in
 * {@code metav1.LabelSelector}). The operator's rule selectors follow Kubernetes' semantics: an absent
 * selector selects nothing, an empty one ({@code {}}) everything.
 */
final class LabelSelector {

    private LabelSelector() {}

    /** True when {@code selector} (present, possibly empty) selects {@code labels}. */
    static boolean matches(Node selector, Map<String, String> labels) {
        for (Map.Entry<String, Node> e : selector.get("matchLabels").fields().entrySet()) {
            if (!e.getValue().text("").equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (Node expression : selector.get("matchExpressions").elements()) {
            String key = expression.get("key").text("");
            List<String> values = expression.get("values").textElements();
            String actual = labels.get(key);
            boolean ok = switch (expression.get("operator").text("")) {
                case "In" -> actual != null && values.contains(actual);
                case "NotIn" -> actual == null || !values.contains(actual);
                case "Exists" -> actual != null;
                case "DoesNotExist" -> actual == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a rule namespace selector selects {@code namespace}. Namespace objects are not read, so only
     * their automatic {@code kubernetes.io/metadata.name} label is known: a selector on other labels cannot
     * be decided and yields {@code null}.
     */
    static Boolean selectsNamespace(Node selector, String namespace) {
        Map<String, String> known = Map.of("kubernetes.io/metadata.name", namespace);
        boolean onlyName = selector.get("matchLabels").fields().keySet().stream().allMatch(known::containsKey)
                && selector.get("matchExpressions").elements().stream()
                        .allMatch(e -> known.containsKey(e.get("key").text("")));
        return onlyName ? matches(selector, known) : null;
    }
}
