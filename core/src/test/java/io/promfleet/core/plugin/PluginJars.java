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
