package io.promfleet.proxy.support;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates made in the test with the JDK's own {@code keytool} (always there, unlike
 * openssl; Netty's self-signed generator does not work on JDK 17 without BouncyCastle's PKIX jar),
 * written out as the PEM files the proxy's configuration takes.
 */
public final class TestCertificates {

    /** PEM certificate and PKCS#8 key, and the PKCS#12 store they came from (password {@link #PASSWORD}). */
    public record Pem(Path cert, Path key, Path p12) {
    }

    /** keytool wants at least six characters. */
    public static final String PASSWORD = "test-only";

    private TestCertificates() {
    }

    /** A self-signed certificate for {@code cn}, valid for localhost and 127.0.0.1. */
    public static Pem selfSigned(Path dir, String cn) throws Exception {
        Path p12 = dir.resolve(cn + ".p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", cn, "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=" + cn, "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", p12.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed for " + cn);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, PASSWORD.toCharArray());
        }
        Certificate cert = store.getCertificate(cn);
        PrivateKey key = (PrivateKey) store.getKey(cn, PASSWORD.toCharArray());
        Path certFile = dir.resolve(cn + ".crt");
        Path keyFile = dir.resolve(cn + ".key");
        Files.writeString(certFile, pem("CERTIFICATE", cert.getEncoded()));
        Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
        return new Pem(certFile, keyFile, p12);
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
