package io.promfleet.api.topology;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code remote_write} entry of a Prometheus configuration.
 *
 * @param url       the URL as written
 * @param name      its {@code name}, or {@code null}
 * @param queue     its queue settings
 * @param auth      its authentication
 * @param location  where it was written, e.g. {@code remote_write[0]} or {@code spec.remoteWrite[0]}
 */
public record RemoteWriteTarget(String url, String name, QueueConfig queue, RemoteWriteAuth auth, String location) {

    public RemoteWriteTarget {
        Objects.requireNonNull(url, "url");
        queue = queue == null ? QueueConfig.UNSET : queue;
        auth = auth == null ? RemoteWriteAuth.NONE : auth;
    }

    /** The parsed URL, or empty when it is not a valid absolute URI. */
    public Optional<URI> uri() {
        try {
            URI uri = new URI(url.trim());
            return uri.getHost() == null ? Optional.empty() : Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The URL's host, lower-cased, or empty when the URL has none. */
    public Optional<String> host() {
        return uri().map(u -> u.getHost().toLowerCase(java.util.Locale.ROOT));
    }

    /** The URL's port, or the scheme's default (80 for http, 443 for https). */
    public int port() {
        return uri().map(u -> u.getPort() > 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80)
                .orElse(-1);
    }

    public boolean isHttps() {
        return uri().map(u -> "https".equalsIgnoreCase(u.getScheme())).orElse(false);
    }
}
