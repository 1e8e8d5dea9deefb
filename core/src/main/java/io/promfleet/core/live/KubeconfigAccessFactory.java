package io.promfleet.core.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.Config;
import io.promfleet.core.live.KubeAccessException.Reason;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Opens clusters by kubeconfig context, as kubectl does: the file given with {@code --kubeconfig}, else
 * every file of {@code KUBECONFIG} (separated by the platform's path separator), else
 * {@code ~/.kube/config}. A context is taken from the first file that defines it, which is how kubectl
 * merges files for contexts.
 */
public final class KubeconfigAccessFactory implements KubeAccess.Factory {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final List<Path> files;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    public KubeconfigAccessFactory(List<Path> files, Duration connectTimeout, Duration requestTimeout) {
        this.files = List.copyOf(files);
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /** The files kubectl would read: {@code explicit} when given, else {@code KUBECONFIG}'s, else ~/.kube/config. */
    public static List<Path> kubeconfigFiles(Path explicit, String kubeconfigVariable, Path home) {
        if (explicit != null) {
            return List.of(explicit);
        }
        List<Path> files = new ArrayList<>();
        if (kubeconfigVariable != null && !kubeconfigVariable.isBlank()) {
            for (String part : kubeconfigVariable.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    files.add(Path.of(part));
                }
            }
        }
        if (files.isEmpty()) {
            files.add(home.resolve(".kube").resolve("config"));
        }
        return files;
    }

    /** The factory for {@code --kubeconfig FILE} (or null), honouring {@code KUBECONFIG} otherwise. */
    public static KubeconfigAccessFactory fromEnvironment(Path explicit) {
        return new KubeconfigAccessFactory(kubeconfigFiles(explicit, System.getenv("KUBECONFIG"),
                Path.of(System.getProperty("user.home"))), DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    public List<Path> files() {
        return files;
    }

    @Override
    public KubeAccess open(String cluster, String context) {
        return Fabric8KubeAccess.of(cluster, config(context), connectTimeout, requestTimeout);
    }

    /**
     * The client configuration of {@code context}, as the kubeconfig gives it; {@code apply} builds its writing
     * client from it with {@link Fabric8KubeAccess#client}.
     *
     * @throws KubeAccessException (reason {@code KUBECONFIG}) when no file defines the context, or it cannot be used
     */
    public Config config(String context) {
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                problems.add(file + " does not exist");
                continue;
            }
            String contents;
            try {
                contents = Files.readString(file);
                if (!definesContext(contents, context)) {
                    problems.add(file + " has no context '" + context + "'");
                    continue;
                }
            } catch (IOException | RuntimeException e) {
                problems.add(file + " cannot be read: " + e.getMessage());
                continue;
            }
            try {
                Config config = Config.fromKubeconfig(context, contents, file.toAbsolutePath().toString());
                return config;
            } catch (RuntimeException e) {
                throw new KubeAccessException(Reason.KUBECONFIG, 0, "context '" + context + "' of " + file
                        + " cannot be used: " + e.getMessage(), e);
            }
        }
        throw new KubeAccessException(Reason.KUBECONFIG, 0, "no kubeconfig defines context '" + context + "': "
                + String.join("; ", problems), null);
    }

    private static boolean definesContext(String contents, String context) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(contents);
        if (root == null) {
            return false;
        }
        for (JsonNode entry : root.path("contexts")) {
            if (context.equals(entry.path("name").asText(null))) {
                return true;
            }
        }
        return false;
    }
}
