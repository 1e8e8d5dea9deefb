package io.promfleet.remediators.rules;

import java.util.Set;

/**
 * Scopes a PromQL expression to one cluster by adding {@code cluster="X"} to every vector selector, so that
 * an edge's rule, once evaluated centrally over every edge's series, still means what it meant on the edge.
 *
 * <p>A small tokenizer rather than a parser: it knows strings, label lists of {@code by}/{@code without}/
 * {@code on}/{@code ignoring}/{@code group_left}/{@code group_right}, range and subquery brackets, and that an
 * identifier followed by {@code (} is a function. A selector that already matches {@code cluster} is left alone.
 */
public final class PromqlScoper {

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset", "inf", "nan", "atan2", "start", "end");
    /** Aggregation operators, which may take their {@code by}/{@code without} clause before the parenthesis. */
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

    private PromqlScoper() {}

    /** {@code expr} with {@code label="value"} required of every series it selects. */
    public static String scope(String expr, String label, String value) {
        String matcher = label + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        StringBuilder out = new StringBuilder(expr.length() + 32);
        int i = 0;
        int n = expr.length();
        while (i < n) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                int end = skipString(expr, i);
                out.append(expr, i, end);
                i = end;
            } else if (c == '#') {
                int end = expr.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(expr, i, end);
                i = end;
            } else if (c == '[') {
                int end = expr.indexOf(']', i);
                end = end < 0 ? n : end + 1;
                out.append(expr, i, end);
                i = end;
            } else if (c == '{') {
                int end = closeBrace(expr, i);
                out.append(matchers(expr.substring(i, end), label, matcher));
                i = end;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(expr.charAt(i + 1)))) {
                int end = i;
                while (end < n && (Character.isLetterOrDigit(expr.charAt(end)) || expr.charAt(end) == '.'
                        || expr.charAt(end) == '_')) {
                    end++;
                }
                out.append(expr, i, end);
                i = end;
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int end = i;
                while (end < n && (Character.isLetterOrDigit(expr.charAt(end)) || expr.charAt(end) == '_'
                        || expr.charAt(end) == ':')) {
                    end++;
                }
                String word = expr.substring(i, end);
                int next = end;
                while (next < n && Character.isWhitespace(expr.charAt(next))) {
                    next++;
                }
                char following = next < n ? expr.charAt(next) : 0;
                out.append(word);
                i = end;
                if (LABEL_LISTS.contains(word.toLowerCase(java.util.Locale.ROOT)) && following == '(') {
                    int close = expr.indexOf(')', next);
                    close = close < 0 ? n : close + 1;
                    out.append(expr, end, close);
                    i = close;
                } else if (KEYWORDS.contains(word.toLowerCase(java.util.Locale.ROOT)) || following == '('
                        || AGGREGATIONS.contains(word) && expr.startsWith("by", next) || AGGREGATIONS.contains(word)
                        && expr.startsWith("without", next)) {
                    // a keyword, or a function or aggregation name
                } else if (following == '{') {
                    out.append(expr, end, next);
                    int close = closeBrace(expr, next);
                    out.append(matchers(expr.substring(next, close), label, matcher));
                    i = close;
                } else {
                    out.append('{').append(matcher).append('}');
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String matchers(String braces, String label, String matcher) {
        String inner = braces.substring(1, braces.length() - 1);
        if (inner.matches("(?s).*(^|[,{\\s])" + java.util.regex.Pattern.quote(label) + "\\s*(=|!=|=~|!~).*")) {
            return braces;
        }
        return inner.isBlank() ? "{" + matcher + "}" : "{" + matcher + ", " + inner.strip() + "}";
    }

    private static int closeBrace(String expr, int open) {
        int i = open + 1;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(expr, i);
            } else if (c == '}') {
                return i + 1;
            } else {
                i++;
            }
        }
        return expr.length();
    }

    private static int skipString(String expr, int start) {
        char quote = expr.charAt(start);
        int i = start + 1;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return expr.length();
    }
}
