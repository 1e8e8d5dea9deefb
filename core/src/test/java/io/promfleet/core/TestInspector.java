package io.promfleet.core;

import io.promfleet.api.InspectionContext;
import io.promfleet.api.Inspector;
import io.promfleet.api.Severity;
import java.util.function.Consumer;

/** An inspector whose behaviour a test passes in. */
public final class TestInspector implements Inspector {

    private final String id;
    private final Severity severity;
    private final Consumer<InspectionContext> body;

    public TestInspector(String id, Severity severity, Consumer<InspectionContext> body) {
        this.id = id;
        this.severity = severity;
        this.body = body;
    }

    /** Reports one finding of its default severity on {@code cluster}'s object {@code kind/namespace/name}. */
    public static TestInspector reporting(String id, Severity severity, String cluster, String kind, String namespace,
            String name) {
        return new TestInspector(id, severity, c -> c.report(c.finding().cluster(cluster)
                .object(namespace, kind, name).message(id + " found something").remediation("fix it").build()));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return "test check " + id;
    }

    @Override
    public Severity defaultSeverity() {
        return severity;
    }

    @Override
    public void inspect(InspectionContext context) {
        body.accept(context);
    }
}
