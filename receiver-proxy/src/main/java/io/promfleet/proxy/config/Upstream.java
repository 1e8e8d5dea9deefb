package io.promfleet.proxy.config;

import java.net.URI;

/**
 * One Thanos Receive endpoint: where remote-write goes, and where its readiness is asked.
 *
 * <p>Receive serves remote-write and {@code /-/ready} on different ports (19291 and 10902 by
 * default), so the readiness URL is configurable; without one, the write URL's origin is used.
 */
public record Upstream(URI writeUrl, URI readyUrl) {

    public Upstream {
        ConfigChecks.required("upstreams[].url", writeUrl);
        checkHttp("upstreams[].url", writeUrl);
        if (readyUrl == null) {
            readyUrl = writeUrl.resolve("/-/ready");
        }
        checkHttp("upstreams[].readyUrl", readyUrl);
    }

    public static Upstream of(String url) {
        return new Upstream(parse("upstreams[].url", url), null);
    }

    static URI parse(String field, String url) {
        try {
            return URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(field + ": not a URL: " + url, e);
        }
    }

    private static void checkHttp(String field, URI uri) {
        String scheme = uri.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
            throw new ConfigException(field + ": must be an absolute http(s) URL, got " + uri);
        }
    }

    public boolean tls() {
        return "https".equals(writeUrl.getScheme());
    }

    public int port() {
        return port(writeUrl);
    }

    static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    /** host:port, the label used in metrics and logs (a URL's user-info could hold a secret). */
    public String name() {
        return writeUrl.getHost() + ":" + port();
    }
}
