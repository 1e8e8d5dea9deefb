package io.promfleet.core.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.promfleet.api.Finding;
import io.promfleet.api.model.Node;
import io.promfleet.api.plan.Action;
import io.promfleet.api.plan.ApiRequest;
import io.promfleet.api.plan.Change;
import io.promfleet.api.plan.Gate;
import io.promfleet.api.plan.HelmValuesChange;
import io.promfleet.api.plan.ObjectChange;
import io.promfleet.api.plan.Phase;
import io.promfleet.core.report.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * The plan as Markdown: the artefact a person reviews. Headings and labels are in the report language;
 * the actions' own descriptions are the remediators', and commands and object trees stay as they are.
 * A created object is shown whole (YAML); a replaced one as the fields that change, so the review reads
 * the change rather than the object.
 */
public final class PlanMarkdownWriter {

    private static final Set<String> NOT_REVIEWED = Set.of("status", "creationTimestamp", "resourceVersion", "uid",
            "generation", "managedFields", "selfLink");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE));

    public void write(Plan plan, Language language, Writer out) throws IOException {
        ResourceBundle bundle = ResourceBundle.getBundle("io.promfleet.core.plan.messages", language.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Texts t = new Texts(bundle, language);
        StringBuilder md = new StringBuilder();
        md.append("# ").append(t.get("plan.title", plan.fleet())).append("\n\n");
        md.append(t.get("plan.generated", plan.generatedAt().toString(), PlanEngine.format(plan.gateWindow()),
                plan.purgeData() ? t.get("plan.yes") : t.get("plan.no"))).append("\n\n");
        md.append("> ").append(t.get("plan.review")).append("\n\n");
        md.append("## ").append(t.get("plan.summary")).append("\n\n");
        if (plan.steps().isEmpty()) {
            md.append(t.get("plan.empty")).append("\n\n");
        } else {
            md.append(t.get("plan.summary.header")).append("\n|---|---:|---:|---|\n");
            for (Phase phase : Phase.values()) {
                List<PlanStep> steps = plan.steps().stream().filter(s -> s.phase() == phase).toList();
                if (steps.isEmpty()) {
                    continue;
                }
                Set<String> clusters = new LinkedHashSet<>();
                steps.stream().map(PlanStep::cluster).filter(c -> c != null).forEach(clusters::add);
                md.append("| ").append(t.get("phase." + phase.id())).append(" | ")
                        .append(steps.stream().filter(s -> !s.isGate()).count()).append(" | ")
                        .append(steps.stream().filter(PlanStep::isGate).count()).append(" | ")
                        .append(String.join(", ", clusters)).append(" |\n");
            }
            md.append('\n');
        }
        Phase current = null;
        for (PlanStep step : plan.steps()) {
            if (step.phase() != current) {
                current = step.phase();
                md.append("## ").append(t.get("phase." + current.id())).append("\n\n");
            }
            String cluster = step.cluster() == null ? t.get("step.fleet") : step.cluster();
            if (step.isGate()) {
                gate(md, t, step, cluster);
            } else {
                action(md, t, step, cluster);
            }
        }
        md.append("## ").append(t.get("plan.unaddressed")).append("\n\n");
        if (plan.unaddressed().isEmpty()) {
            md.append(t.get("plan.unaddressed.none")).append("\n\n");
        }
        for (Finding f : plan.unaddressed()) {
            md.append("- `").append(f.check()).append("` (").append(f.severity().id()).append(") ")
                    .append(f.cluster() == null ? t.get("step.fleet") : f.cluster())
                    .append(f.kind() == null ? "" : " " + f.kind() + "/" + f.namespace() + "/" + f.name()).append('\n');
        }
        if (!plan.unaddressed().isEmpty()) {
            md.append('\n');
        }
        if (!plan.problems().isEmpty()) {
            // Only when there are some: a plan that met none reads as before.
            md.append("## ").append(t.get("plan.problems")).append("\n\n");
            plan.problems().forEach(p -> md.append("- ").append(p).append('\n'));
            md.append('\n');
        }
        md.append("## ").append(t.get("plan.cautions")).append("\n\n");
        for (String key : List.of("caution.rollback", "caution.data", "caution.one")) {
            md.append("- ").append(t.get(key)).append('\n');
        }
        out.write(md.toString());
        out.flush();
    }

    private static void gate(StringBuilder md, Texts t, PlanStep step, String cluster) {
        Gate g = step.gate();
        md.append("### ").append(t.get("step.gate", step.number(), cluster, g.id())).append("\n\n");
        md.append(g.description()).append("\n\n");
        md.append("- ").append(t.get("label.api")).append(": ").append(g.api().id()).append('\n');
        md.append("- ").append(t.get("label.query")).append(": `").append(g.query()).append("`\n");
        if (!g.window().isZero()) {
            md.append("- ").append(t.get("label.window")).append(": ").append(PlanEngine.format(g.window())).append('\n');
        }
        md.append('\n');
    }

    private void action(StringBuilder md, Texts t, PlanStep step, String cluster) {
        Action a = step.action();
        md.append("### ").append(t.get("step.action", step.number(), cluster, a.id())).append("\n\n");
        md.append(a.description()).append("\n\n");
        if (!a.addresses().isEmpty()) {
            md.append(t.get("label.addresses")).append(": ")
                    .append(String.join(", ", a.addresses().stream().map(c -> "`" + c + "`").toList())).append("\n\n");
        }
        md.append("**").append(t.get("label.changes")).append("**\n\n");
        for (Change change : a.changes()) {
            change(md, t, change);
        }
        if (!a.verification().isBlank()) {
            md.append("**").append(t.get("label.verify")).append("**\n\n```sh\n").append(a.verification()).append("\n```\n\n");
        }
        if (!a.undo().isBlank()) {
            md.append("**").append(t.get("label.undo")).append("**: ").append(a.undo()).append("\n\n");
        }
    }

    private void change(StringBuilder md, Texts t, Change change) {
        md.append("- ").append(change.summary()).append('\n');
        if (change instanceof ObjectChange o) {
            if (o.operation() == ObjectChange.Operation.CREATE) {
                md.append("\n```yaml\n").append(yaml(o.after())).append("```\n\n");
            } else if (o.operation() == ObjectChange.Operation.REPLACE) {
                List<String> diff = new ArrayList<>();
                diff(o.before(), o.after(), "", diff);
                md.append("\n```diff\n");
                diff.forEach(line -> md.append(line).append('\n'));
                md.append("```\n\n");
            }
        } else if (change instanceof HelmValuesChange h) {
            md.append("\n  ").append(t.get("label.helm")).append("\n\n```sh\n").append(h.command()).append("\n```\n\n");
        } else if (change instanceof ApiRequest r) {
            md.append("\n```sh\n").append(r.command()).append("\n```\n\n");
        }
    }

    /** The leaves that differ between two trees, as {@code -}/{@code +} lines; multi-line strings line by line. */
    static void diff(Node before, Node after, String path, List<String> out) {
        if (before.isObject() && after.isObject()) {
            Set<String> keys = new LinkedHashSet<>(before.fields().keySet());
            keys.addAll(after.fields().keySet());
            for (String key : keys) {
                if (NOT_REVIEWED.contains(key)) {
                    continue;
                }
                diff(before.get(key), after.get(key), path.isEmpty() ? key : path + "." + key, out);
            }
            return;
        }
        if (before.isArray() && after.isArray()) {
            int n = Math.max(before.elements().size(), after.elements().size());
            for (int i = 0; i < n; i++) {
                diff(before.get(i), after.get(i), path + "[" + i + "]", out);
            }
            return;
        }
        if (before.equals(after)) {
            return;
        }
        String b = before.text().orElse(null);
        String a = after.text().orElse(null);
        if (b != null && a != null && (b.contains("\n") || a.contains("\n"))) {
            out.add("  " + path + ":");
            List<String> bl = Arrays.asList(b.split("\n", -1));
            List<String> al = Arrays.asList(a.split("\n", -1));
            bl.stream().filter(l -> !al.contains(l)).forEach(l -> out.add("-   " + l));
            al.stream().filter(l -> !bl.contains(l)).forEach(l -> out.add("+   " + l));
            return;
        }
        if (!before.isMissing()) {
            out.add("- " + path + ": " + inline(before));
        }
        if (!after.isMissing()) {
            out.add("+ " + path + ": " + inline(after));
        }
    }

    private static String inline(Node node) {
        return node.text().orElseGet(() -> {
            try {
                return new ObjectMapper().writeValueAsString(node.unwrap());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private String yaml(Node node) {
        try {
            return yaml.writeValueAsString(node.unwrap());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Texts(ResourceBundle bundle, Language language) {
        String get(String key, Object... args) {
            String pattern = bundle.getString(key);
            return new MessageFormat(pattern, language.locale()).format(args);
        }
    }
}
