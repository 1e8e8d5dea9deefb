package io.promfleet.core.plugin;

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
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads the plugins of one or more plugins directories, each in a {@link PluginClassLoader} of its own.
 * A plugin is either a jar directly in the directory, or a subdirectory whose jars (the plugin and the
 * libraries it brings) share one loader, as in Trino's {@code plugin/<name>/}. One plugin may provide
 * extensions of every {@link ExtensionKind} — inspectors and remediators — each kind listed in its own
 * {@code META-INF/services} file, all from the one loader.
 *
 * <p>Every way a plugin can be broken — an incompatible SPI version, nothing provided, a class that cannot
 * load or be created, an id that is malformed — becomes a {@link PluginProblem} naming the jar, and the
 * remaining plugins load regardless (Trino fails the whole server instead; an audit would rather report
 * the gap than not run).
 *
 * <p>The SPI version rule: a jar declaring {@value SpiVersion#MANIFEST_ATTRIBUTE} is refused when
 * {@link SpiVersion#incompatibility} says so (another major, or a newer minor than the host's); a jar
 * declaring none is loaded on trust with a {@link PluginWarning}, since it may have been built for any
 * version.
 */
public final class PluginLoader {

    /** The inspectors' services file (kept for the tests' jar builder). */
    static final String SERVICES = ExtensionKind.INSPECTOR.servicesFile();

    /** A services file can list only so many providers; this guards against an iterator that never ends. */
    private static final int MAX_PROVIDERS = 10_000;

    private final ClassLoader spiLoader;

    /** @param spiLoader the host loader whose {@code io.promfleet.api} classes plugins share */
    public PluginLoader(ClassLoader spiLoader) {
        this.spiLoader = spiLoader;
    }

    /**
     * What the directories held: the extensions found, in file-name order, the problems met, the warnings
     * about plugins loaded anyway, and the loaders to close.
     */
    public record Loaded(List<RegisteredExtension> extensions, List<PluginProblem> problems,
            List<PluginWarning> warnings, List<PluginClassLoader> loaders) implements Closeable {

        public Loaded {
            extensions = List.copyOf(extensions);
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
            loaders = List.copyOf(loaders);
        }

        /** Nothing loaded: no plugins directory. */
        public static Loaded none() {
            return new Loaded(List.of(), List.of(), List.of(), List.of());
        }

        public List<RegisteredInspector> inspectors() {
            return of(RegisteredInspector.class);
        }

        public List<RegisteredRemediator> remediators() {
            return of(RegisteredRemediator.class);
        }

        private <R extends RegisteredExtension> List<R> of(Class<R> type) {
            return extensions.stream().filter(type::isInstance).map(type::cast).toList();
        }

        @Override
        public void close() throws IOException {
            for (PluginClassLoader loader : loaders) {
                loader.close();
            }
        }
    }

    /** What loading collects, plugin after plugin. */
    private static final class Collected {
        final List<RegisteredExtension> extensions = new ArrayList<>();
        final List<PluginProblem> problems = new ArrayList<>();
        final List<PluginWarning> warnings = new ArrayList<>();
        final List<PluginClassLoader> loaders = new ArrayList<>();

        boolean hasProblem(String source) {
            return problems.stream().anyMatch(p -> p.source().equals(source));
        }
    }

    /**
     * Loads every plugin in {@code directories}, in file-name order.
     *
     * @throws InputException when a directory does not exist: that is a mistyped option, not a broken plugin
     */
    public Loaded load(List<Path> directories) {
        Collected collected = new Collected();
        for (Path directory : directories) {
            if (!Files.isDirectory(directory)) {
                throw new InputException("plugins directory " + directory + " does not exist or is not a directory");
            }
            for (Path plugin : plugins(directory)) {
                loadPlugin(plugin, collected);
            }
        }
        return new Loaded(collected.extensions, collected.problems, collected.warnings, collected.loaders);
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

    private void loadPlugin(Path plugin, Collected collected) {
        String source = plugin.toString();
        List<Path> jars;
        try {
            jars = jars(plugin);
        } catch (IOException e) {
            collected.problems.add(new PluginProblem(source, null, "cannot be read: " + e));
            return;
        }
        if (jars.isEmpty()) {
            collected.problems.add(new PluginProblem(source, null, "the plugin directory holds no jar"));
            return;
        }
        boolean provides = false;
        String declared = null;
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                boolean listsProviders = Stream.of(ExtensionKind.values())
                        .anyMatch(kind -> file.getEntry(kind.servicesFile()) != null);
                if (listsProviders) {
                    provides = true;
                    Manifest manifest = file.getManifest();
                    if (manifest != null && declared == null) {
                        declared = manifest.getMainAttributes().getValue(SpiVersion.MANIFEST_ATTRIBUTE);
                    }
                }
            } catch (IOException e) {
                collected.problems.add(new PluginProblem(jar.toString(), null, "is not a readable jar: " + e.getMessage()));
                return;
            }
        }
        if (!provides) {
            collected.problems.add(new PluginProblem(source, null, "provides nothing: no jar in it has "
                    + Stream.of(ExtensionKind.values()).map(ExtensionKind::servicesFile).collect(Collectors.joining(" or "))
                    + " listing a class"));
            return;
        }
        if (declared == null) {
            collected.warnings.add(new PluginWarning(source, "declares no " + SpiVersion.MANIFEST_ATTRIBUTE
                    + " in its manifest: loaded on trust, though it may need more than this promfleet's SPI "
                    + SpiVersion.current() + "; add '" + SpiVersion.MANIFEST_ATTRIBUTE + ": <the promfleet-api version"
                    + " it is built against>' to its manifest"));
        } else {
            String incompatibility = SpiVersion.incompatibility(declared).orElse(null);
            if (incompatibility != null) {
                collected.problems.add(new PluginProblem(source, null, "refused: " + incompatibility));
                return;
            }
        }
        PluginClassLoader loader;
        try {
            loader = new PluginClassLoader(plugin.getFileName().toString(), urls(jars), spiLoader);
        } catch (MalformedURLException e) {
            collected.problems.add(new PluginProblem(source, null, "cannot be turned into a class path: " + e));
            return;
        }
        collected.loaders.add(loader);
        int found = 0;
        for (ExtensionKind kind : ExtensionKind.values()) {
            found += loadProviders(kind, loader, source, declared, collected);
        }
        if (found == 0 && !collected.hasProblem(source)) {
            collected.problems.add(new PluginProblem(source, null, "provides nothing: its services files list no class"));
        }
    }

    /** Loads the providers of one kind a plugin lists; returns how many loaded. */
    private static int loadProviders(ExtensionKind kind, PluginClassLoader loader, String source, String declared,
            Collected collected) {
        int found = 0;
        Iterator<?> providers = ServiceLoader.load(kind.type(), loader).iterator();
        for (int attempt = 0; attempt < MAX_PROVIDERS; attempt++) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                collected.extensions.add(kind.register(providers.next(), source, false, declared));
                found++;
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                // E.g. a class missing from the jar, a library it needs and did not bring, a constructor
                // that throws. ServiceLoader moves on to the next provider after such an error.
                collected.problems.add(new PluginProblem(source, null,
                        (kind.word().startsWith("i") ? "an " : "a ") + kind.word() + " could not be loaded: " + describe(e)));
            }
        }
        return found;
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
