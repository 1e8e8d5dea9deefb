package io.promfleet.e2e.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** One running edge Prometheus agent. */
public interface EdgeAgent {

    String cluster();

    /** The tenant its token maps to in the proxy, when auth is on. */
    Optional<String> tenant();

    /** Its bearer token for the proxy, when auth is on (a test sender may borrow it). */
    Optional<String> token();

    /** The agent's web address ({@code /metrics}, {@code /-/ready}). */
    URI url();

    /** The agent's own metrics, scraped now. */
    MetricsText metrics();

    /** The agent's {@code prometheus.yml} as the harness wrote it, where the backend keeps it on this machine. */
    default Optional<Path> configFile() {
        return Optional.empty();
    }

    /**
     * Makes the agent re-read its configuration file ({@code POST /-/reload}, which the harness enables with
     * {@code --web.enable-lifecycle}); returns once the new configuration is applied, which takes up to the
     * agent's {@code --storage.remote.flush-deadline} when a remote_write that cannot deliver is replaced.
     *
     * @throws IllegalStateException when the agent refuses the configuration (its answer says why)
     */
    default void reload() {
        try {
            HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(url().resolve("/-/reload")).timeout(Duration.ofSeconds(90))
                            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(cluster() + " refused to reload (HTTP " + r.statusCode() + "): " + r.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot reload " + cluster() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
