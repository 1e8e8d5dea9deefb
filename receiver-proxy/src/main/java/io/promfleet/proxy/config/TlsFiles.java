package io.promfleet.proxy.config;

import java.nio.file.Path;

/**
 * PEM files for one side of a TLS connection. For the listener: certificate and key, plus a CA that
 * makes client certificates (mTLS) mandatory. For the upstream: a CA to trust, and an optional client
 * certificate and key.
 */
public record TlsFiles(Path certFile, Path keyFile, Path caFile) {

    public static final TlsFiles NONE = new TlsFiles(null, null, null);

    public TlsFiles {
        if ((certFile == null) != (keyFile == null)) {
            throw new ConfigException("tls: certFile and keyFile must be given together");
        }
    }

    public boolean hasCertificate() {
        return certFile != null;
    }

    public boolean hasCa() {
        return caFile != null;
    }
}
