package io.promfleet.core.plugin;

import io.promfleet.api.SpiVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds real plugin jars for the loader tests: Java sources compiled against the test class path (so
 * against promfleet-api), a services file and a manifest, the way a plugin author's build makes them.
 */
final class PluginJars {

    private final Path work;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> services = new ArrayList<>();
    private final List<String> remediatorServices = new ArrayList<>();
    private String spiVersion = SpiVersion.current();

    private PluginJars(Path work) {
        this.work = work;
    }

    static PluginJars in(Path work) {
        return new PluginJars(work);
    }

    /** Adds the class {@code className} with the source {@code body}. */
    PluginJars source(String className, String body) {
        sources.put(className, body);
        return this;
    }

    /** Lists {@code className} in META-INF/services/io.promfleet.api.Inspector. */
    PluginJars service(String className) {
        services.add(className);
        return this;
    }

    /** Lists {@code className} in META-INF/services/io.promfleet.api.Remediator. */
    PluginJars remediatorService(String className) {
        remediatorServices.add(className);
        return this;
    }

    /** The Promfleet-Spi-Version the manifest declares; {@code null} declares none. */
    PluginJars spiVersion(String version) {
        this.spiVersion = version;
        return this;
    }

    /** A simple inspector reporting one fleet-level finding whose message is {@code messageExpression}. */
    static String inspector(String className, String id, String messageExpression) {
        int dot = className.lastIndexOf('.');
        return "package " + className.substring(0, dot) + ";\n"
                + "public class " + className.substring(dot + 1) + " implements io.promfleet.api.Inspector {\n"
                + "  public String id() { return \"" + id + "\"; }\n"
                + "  public String description() { return \"test plugin " + id + "\"; }\n"
                + "  public io.promfleet.api.Severity defaultSeverity() { return io.promfleet.api.Severity.LOW; }\n"
                + "  public void inspect(io.promfleet.api.InspectionContext c) {\n"
                + "    c.report(c.finding().message(" + messageExpression + ").build());\n"
                + "  }\n"
                + "}\n";
    }

    /**
     * A remediator answering {@code check} with one action in cluster {@code edge-1} that creates the ConfigMap
     * {@code id}; {@code planBody}, when not null, replaces the body of {@code plan} (e.g. to throw).
     */
    static String remediator(String className, String id, String check, String planBody) {
        int dot = className.lastIndexOf('.');
        String plan = planBody != null ? planBody
                : "return java.util.List.of(new io.promfleet.api.plan.Action(\"" + id + "-edge-1\","
                        + " io.promfleet.api.plan.Phase.VERIFY, \"edge-1\", \"test action of " + id + "\","
                        + " java.util.List.of(io.promfleet.api.plan.ObjectChange.create(\"edge-1\", \"v1\", \"ConfigMap\","
                        + " \"monitoring\", \"" + id + "\", io.promfleet.api.model.Node.of(java.util.Map.of(\"kind\", \"ConfigMap\")))),"
                        + " \"kubectl get cm\", \"delete it\", java.util.List.of(\"" + check + "\")));";
        return "package " + className.substring(0, dot) + ";\n"
                + "public class " + className.substring(dot + 1) + " implements io.promfleet.api.Remediator {\n"
                + "  public String id() { return \"" + id + "\"; }\n"
                + "  public String description() { return \"test remediator " + id + "\"; }\n"
                + "  public java.util.Set<String> answers() { return java.util.Set.of(\"" + check + "\"); }\n"
                + "  public java.util.List<io.promfleet.api.plan.Action> plan(io.promfleet.api.RemediationContext c,"
                + " java.util.List<io.promfleet.api.Finding> findings) {\n"
                + "    " + plan + "\n"
                + "  }\n"
                + "}\n";
    }

    /** Compiles and writes {@code target}. */
    Path writeJar(Path target) throws IOException {
        Path src = Files.createTempDirectory(work, "src");
        Path classes = Files.createTempDirectory(work, "classes");
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path"), "-proc:none", "--release", "17"));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            args.add(file.toString());
        }
        if (!sources.isEmpty()) {
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            StringWriter errors = new StringWriter();
            int exit = javac.getTask(errors, null, null, args.subList(0, 7), null,
                    javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
                            .getJavaFileObjectsFromStrings(args.subList(7, args.size()))).call() ? 0 : 1;
            if (exit != 0) {
                throw new IllegalStateException("test plugin does not compile: " + errors);
            }
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "7.1");
        if (spiVersion != null) {
            manifest.getMainAttributes().putValue(SpiVersion.MANIFEST_ATTRIBUTE, spiVersion);
        }
        Files.createDirectories(target.getParent());
        try (OutputStream file = Files.newOutputStream(target);
                JarOutputStream jar = new JarOutputStream(file, manifest)) {
            if (!services.isEmpty()) {
                jar.putNextEntry(new JarEntry(PluginLoader.SERVICES));
                jar.write((String.join("\n", services) + "\n").getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
            if (!remediatorServices.isEmpty()) {
                jar.putNextEntry(new JarEntry(ExtensionKind.REMEDIATOR.servicesFile()));
                jar.write((String.join("\n", remediatorServices) + "\n").getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    jar.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    jar.write(Files.readAllBytes(f));
                    jar.closeEntry();
                }
            }
        }
        return target;
    }
}
