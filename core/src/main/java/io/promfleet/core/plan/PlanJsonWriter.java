package io.promfleet.core.plan;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.promfleet.api.Finding;
import io.promfleet.api.model.Node;
import io.promfleet.api.plan.Action;
import io.promfleet.api.plan.ApiRequest;
import io.promfleet.api.plan.Change;
import io.promfleet.api.plan.Gate;
import io.promfleet.api.plan.HelmValuesChange;
import io.promfleet.api.plan.ObjectChange;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan as JSON: what {@code apply --plan PLAN.json} reads. Stable: fields are written in a fixed order,
 * may be added, and are never renamed; {@code "format": "promfleet-plan/1"} names this shape.
 */
public final class PlanJsonWriter {

    public static final String FORMAT = "promfleet-plan/1";

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    public void write(Plan plan, Writer out) throws IOException {
        mapper.writeValue(out, toTree(plan));
        out.write('\n');
        out.flush();
    }

    /** The plan as plain maps and lists, in the order written. */
    public static Map<String, Object> toTree(Plan plan) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("fleet", plan.fleet());
        root.put("generatedAt", plan.generatedAt().toString());
        root.put("gateWindow", PlanEngine.format(plan.gateWindow()));
        root.put("purgeData", plan.purgeData());
        List<Object> steps = new ArrayList<>();
        for (PlanStep step : plan.steps()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("step", step.number());
            s.put("type", step.isGate() ? "gate" : "action");
            s.put("id", step.id());
            s.put("phase", step.phase().id());
            s.put("cluster", step.cluster());
            if (step.isGate()) {
                gate(step.gate(), s);
            } else {
                action(step.action(), s);
            }
            steps.add(s);
        }
        root.put("steps", steps);
        List<Object> unaddressed = new ArrayList<>();
        for (Finding f : plan.unaddressed()) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("check", f.check());
            u.put("severity", f.severity().id());
            u.put("cluster", f.cluster());
            u.put("namespace", f.namespace());
            u.put("kind", f.kind());
            u.put("name", f.name());
            unaddressed.add(u);
        }
        root.put("unaddressed", unaddressed);
        List<Object> problems = new ArrayList<>();
        for (PlanProblem p : plan.problems()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("source", p.source());
            entry.put("remediator", p.remediator());
            entry.put("message", p.message());
            problems.add(entry);
        }
        root.put("problems", problems);
        return root;
    }

    private static void gate(Gate g, Map<String, Object> s) {
        s.put("description", g.description());
        s.put("api", g.api().id());
        s.put("query", g.query());
        s.put("window", g.window().isZero() ? "0s" : PlanEngine.format(g.window()));
    }

    private static void action(Action a, Map<String, Object> s) {
        s.put("description", a.description());
        s.put("addresses", a.addresses());
        List<Object> changes = new ArrayList<>();
        for (Change change : a.changes()) {
            changes.add(change(change));
        }
        s.put("changes", changes);
        s.put("verification", a.verification());
        s.put("undo", a.undo());
    }

    static Map<String, Object> change(Change change) {
        Map<String, Object> c = new LinkedHashMap<>();
        if (change instanceof ObjectChange o) {
            c.put("type", "object");
            c.put("operation", o.operation().id());
            c.put("apiVersion", o.apiVersion());
            c.put("kind", o.kind());
            c.put("namespace", o.namespace());
            c.put("name", o.name());
            c.put("before", tree(o.before()));
            c.put("after", tree(o.after()));
        } else if (change instanceof HelmValuesChange h) {
            c.put("type", "helm-values");
            c.put("release", h.release());
            c.put("namespace", h.namespace());
            c.put("chart", h.chart());
            c.put("chartVersion", h.chartVersion());
            c.put("set", h.set());
            c.put("previous", h.previous());
            c.put("command", h.command());
            c.put("undoCommand", h.undoCommand());
        } else if (change instanceof ApiRequest r) {
            c.put("type", "api-request");
            c.put("namespace", r.namespace());
            c.put("service", r.service());
            c.put("port", r.port());
            c.put("method", r.method());
            c.put("path", r.path());
            c.put("purpose", r.purpose());
            c.put("command", r.command());
        }
        return c;
    }

    private static Object tree(Node node) {
        return node.isMissing() ? null : node.unwrap();
    }
}
