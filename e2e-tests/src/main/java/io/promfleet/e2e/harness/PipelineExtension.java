package io.promfleet.e2e.harness;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Gives the tests of a class one running {@link Pipeline}, started before the first test and stopped
 * after the last:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PipelineExtension PIPELINE = PipelineExtension.of(PipelineSpec.edges(3));
 *
 * @Test
 * void arrives(Pipeline pipeline) { ... }
 * }</pre>
 *
 * <p>The backend is {@link PipelineBackend#fromSystemProperty()} unless given. When it cannot run here
 * (a program is missing, no Docker engine) the class is skipped with the reason, never passed. When a
 * test fails, every component's log tail is printed.
 */
public final class PipelineExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, ParameterResolver,
        TestWatcher {

    private final PipelineSpec spec;
    private final PipelineBackend backend;
    private final AtomicBoolean failed = new AtomicBoolean();
    private Pipeline pipeline;
    private String skipReason;

    private PipelineExtension(PipelineSpec spec, PipelineBackend backend) {
        this.spec = spec;
        this.backend = backend;
    }

    public static PipelineExtension of(PipelineSpec spec) {
        return new PipelineExtension(spec, PipelineBackend.fromSystemProperty());
    }

    public static PipelineExtension of(PipelineSpec spec, PipelineBackend backend) {
        return new PipelineExtension(spec, backend);
    }

    public Pipeline pipeline() {
        Assumptions.assumeTrue(skipReason == null, skipReason);
        if (pipeline == null) {
            throw new IllegalStateException("the pipeline is not running (outside the test class's lifecycle?)");
        }
        return pipeline;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Optional<String> why = backend.unavailable();
        if (why.isPresent()) {
            // skipped test by test (in beforeEach), so that each one is reported as skipped with the reason
            skipReason = "pipeline backend '" + backend.name() + "' cannot run here: " + why.get();
            System.err.println(context.getDisplayName() + ": " + skipReason);
            return;
        }
        Path root = Path.of(System.getProperty("promfleet.e2e.workDir", "target/e2e"));
        Path dir = root.resolve(context.getRequiredTestClass().getSimpleName() + "-" + System.currentTimeMillis());
        pipeline = backend.start(spec, dir.toAbsolutePath());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Assumptions.assumeTrue(skipReason == null, skipReason);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (pipeline == null) {
            return;
        }
        try {
            if (failed.get() || context.getExecutionException().isPresent()) {
                System.err.println(pipeline.diagnostics());
            }
        } finally {
            Pipeline p = pipeline;
            pipeline = null;
            p.close();
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        failed.set(true);
        if (pipeline != null) {
            System.err.println("[" + context.getDisplayName() + " failed] " + pipeline.diagnostics());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Pipeline.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return pipeline();
    }
}
