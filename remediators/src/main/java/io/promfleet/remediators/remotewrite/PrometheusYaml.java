package io.promfleet.remediators.remotewrite;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits a Prometheus configuration as text, so that everything else in the file — comments, order,
 * quoting — stays exactly as its author wrote it and the reviewer's diff shows only the change.
 */
final class PrometheusYaml {

    private static final Pattern GLOBAL = Pattern.compile("(?m)^global:[ \\t]*$");
    private static final Pattern EXTERNAL_LABELS = Pattern.compile("(?m)^([ \\t]+)external_labels:[ \\t]*$");

    private PrometheusYaml() {}

    /** {@code text} with every occurrence of each of {@code oldUrls} replaced by {@code url}. */
    static String replaceUrls(String text, Set<String> oldUrls, String url) {
        String result = text;
        for (String old : oldUrls) {
            result = result.replace(old, url);
        }
        return result;
    }

    /** {@code text} with {@code name: value} added under {@code global.external_labels}, created when missing. */
    static String addExternalLabel(String text, String name, String value) {
        Matcher labels = EXTERNAL_LABELS.matcher(text);
        if (labels.find()) {
            String indent = labels.group(1) + labels.group(1);
            return text.substring(0, labels.end()) + "\n" + indent + name + ": " + value + text.substring(labels.end());
        }
        Matcher global = GLOBAL.matcher(text);
        if (global.find()) {
            return text.substring(0, global.end()) + "\n  external_labels:\n    " + name + ": " + value
                    + text.substring(global.end());
        }
        return "global:\n  external_labels:\n    " + name + ": " + value + "\n" + text;
    }
}
