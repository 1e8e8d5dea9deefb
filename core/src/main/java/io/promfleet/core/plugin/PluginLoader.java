package io.promfleet.core.plugin;

import io.promfleet.api.Inspector;
import io.promfleet.api.SpiVersion;
import io.promfleet.core.InputException;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Loads the plugins of one or more plugins directories, each in a {@link PluginClassLoader} of its own.
 * A plugin is either a jar directly in the directory, or a subdirectory whose jars (the plugin and the
 * libraries it brings) share one loader, as in Trino's {@code plugin/<name>/}.
 *
 * <p>Every way a plugin can be broken — an incompatible SPI version, no inspector provided, a class
 * that cannot load or be created, an id that is malformed — becomes a {@link PluginProblem} naming the
 * jar, and the remaining plugins load regardless (Trino fails the whole server instead; an audit would
 * rather report the gap than not run).
 */
public final class PluginLoader {

    static final String SERVICES = "META-INF/services/" + Inspector.class.getName();

    /** A services file can list only so many providers; this guards against an iterator that never ends. */
    private static final int MAX_PROVIDERS = 10_000;

    private final ClassLoader spiLoader;

    /** @param spiLoader the host loader whose {@code io.promfleet.api} classes plugins share */
    public PluginLoader(ClassLoader spiLoader) {
        this.spiLoader = spiLoader;
    }

    /** What the directories held: the inspectors found, the problems met, and the loaders to close. */
    public record Loaded(List<RegisteredInspector> inspectors, List<PluginProblem> problems,
            List<PluginClassLoader> loaders) implements Closeable {

        public Loaded {
            inspectors = List.copyOf(inspectors);
            problems = List.copyOf(problems);
            loaders = List.copyOf(loaders);
        }

        @Override
        public void close() throws IOException {
            for (PluginClassLoader loader : loaders) {
                loader.close();
            }
        }
    }

    /**
     * Loads every plugin in {@code directories}, in file-name order.
     *
     * @throws InputException when a directory does not exist: that is a mistyped option, not a broken plugin
     */
    public Loaded load(List<Path> directories) {
        List<RegisteredInspector> inspectors = new ArrayList<>();
        List<PluginProblem> problems = new ArrayList<>();
        List<PluginClassLoader> loaders = new ArrayList<>();
        for (Path directory : directories) {
            if (!Files.isDirectory(directory)) {
                throw new InputException("plugins directory " + directory + " does not exist or is not a directory");
            }
            for (Path plugin : plugins(directory)) {
                loadPlugin(plugin, inspectors, problems, loaders);
            }
        }
        return new Loaded(inspectors, problems, loaders);
    }

    private static List<Path> plugins(Path directory) {
        try (Stream<Path> children = Files.list(directory)) {
            return children
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isDirectory(p) || isJar(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list plugins directory " + directory, e);
        }
    }

    private static boolean isJar(Path file) {
        return file.getFileName().toString().endsWith(".jar") && Files.isRegularFile(file);
    }

    private void loadPlugin(Path plugin, List<RegisteredInspector> inspectors, List<PluginProblem> problems,
            List<PluginClassLoader> loaders) {
        String source = plugin.toString();
        List<Path> jars;
        try {
            jars = jars(plugin);
        } catch (IOException e) {
            problems.add(new PluginProblem(source, null, "cannot be read: " + e));
            return;
        }
        if (jars.isEmpty()) {
            problems.add(new PluginProblem(source, null, "the plugin directory holds no jar"));
            return;
        }
        List<Path> providing = new ArrayList<>();
        String declared = null;
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                if (file.getEntry(SERVICES) != null) {
                    providing.add(jar);
                    Manifest manifest = file.getManifest();
                    if (manifest != null && declared == null) {
                        declared = manifest.getMainAttributes().getValue(SpiVersion.MANIFEST_ATTRIBUTE);
                    }
                }
            } catch (IOException e) {
                problems.add(new PluginProblem(jar.toString(), null, "is not a readable jar: " + e.getMessage()));
                return;
            }
        }
        if (providing.isEmpty()) {
            problems.add(new PluginProblem(source, null, "provides nothing: no jar in it has " + SERVICES
                    + " listing an inspector class"));
            return;
        }
        if (declared != null) {
            String incompatibility = SpiVersion.incompatibility(declared).orElse(null);
            if (incompatibility != null) {
                problems.add(new PluginProblem(source, null, incompatibility));
                return;
            }
        }
        PluginClassLoader loader;
        try {
            loader = new PluginClassLoader(plugin.getFileName().toString(), urls(jars), spiLoader);
        } catch (MalformedURLException e) {
            problems.add(new PluginProblem(source, null, "cannot be turned into a class path: " + e));
            return;
        }
        loaders.add(loader);
        int found = 0;
        Iterator<Inspector> providers = ServiceLoader.load(Inspector.class, loader).iterator();
        for (int attempt = 0; attempt < MAX_PROVIDERS; attempt++) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                Inspector inspector = providers.next();
                inspectors.add(new RegisteredInspector(inspector, source, false, declared));
                found++;
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                // E.g. a class missing from the jar, a library it needs and did not bring, a constructor
                // that throws. ServiceLoader moves on to the next provider after such an error.
                problems.add(new PluginProblem(source, null, "an inspector could not be loaded: " + describe(e)));
            }
        }
        if (found == 0 && problems.stream().noneMatch(p -> p.source().equals(source))) {
            problems.add(new PluginProblem(source, null, "provides nothing: " + SERVICES + " lists no class"));
        }
    }

    private static List<Path> jars(Path plugin) throws IOException {
        if (!Files.isDirectory(plugin)) {
            return List.of(plugin);
        }
        try (Stream<Path> children = Files.list(plugin)) {
            return children.filter(PluginLoader::isJar).sorted().toList();
        }
    }

    private static List<URL> urls(List<Path> jars) throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            urls.add(jar.toUri().toURL());
        }
        return urls;
    }

    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" (caused by ").append(cause.getClass().getName())
                    .append(cause.getMessage() == null ? "" : ": " + cause.getMessage()).append(')');
        }
        return text.toString();
    }
}
