package io.promfleet.core.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one plugin, after Trino's {@code PluginClassLoader}: it sees the JDK, the host's
 * SPI packages ({@code io.promfleet.api..}), and its own jars, child-first. Nothing else of the host
 * leaks in, so a plugin may bring any version of Jackson, Guava or the like without clashing with
 * promfleet's, and cannot come to depend on promfleet's internals by accident.
 */
public final class PluginClassLoader extends URLClassLoader {

    /** Packages (as class-name and resource-path prefixes) that come from the host, never the plugin. */
    private static final String SPI_PACKAGE = "io.promfleet.api.";
    private static final String SPI_RESOURCES = "io/promfleet/api/";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader spiLoader;

    /**
     * @param name      what the loader is called in stack traces: the plugin's jar or directory
     * @param urls      the plugin's jars
     * @param spiLoader the host loader the SPI classes come from
     */
    public PluginClassLoader(String name, List<URL> urls, ClassLoader spiLoader) {
        // The parent is the platform loader (the JDK), not the host's application loader.
        super(name, urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        this.spiLoader = spiLoader;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(SPI_PACKAGE)) {
            // One Inspector class for host and plugin, or the plugin's inspectors would not be Inspectors.
            return spiLoader.loadClass(name);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                try {
                    loaded = findClass(name);
                } catch (ClassNotFoundException notInPlugin) {
                    // The JDK's own classes (java.*, javax.*, jdk.*) come from the platform loader.
                    loaded = getParent().loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        if (name.startsWith(SPI_RESOURCES)) {
            return spiLoader.getResource(name);
        }
        URL own = findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (name.startsWith(SPI_RESOURCES)) {
            return spiLoader.getResources(name);
        }
        List<URL> urls = new ArrayList<>(Collections.list(findResources(name)));
        urls.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(urls);
    }
}
