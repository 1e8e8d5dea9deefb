package io.promfleet.e2e.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A CA made for one pipeline run and the proxy's server certificate it signs (for 127.0.0.1 and localhost),
 * as PEM files: the proxy's listener takes {@link #cert()} and {@link #key()}, the agents trust
 * {@link #ca()} through {@code tls_config.ca_file}, as an edge would trust a private CA.
 *
 * <p>Made with the JDK's own {@code keytool}, which is always there (openssl may not be), the way a
 * private CA signs a server certificate: CA key pair (basic constraints CA), server key pair, a request,
 * the CA signs it with the server's subject alternative names.
 */
public record ProxyCertificates(Path ca, Path cert, Path key) {

    /** keytool wants at least six characters; these stores live only under the run's work directory. */
    private static final String STORE_PASSWORD = "e2e-only";

    public static ProxyCertificates create(Path dir) {
        try {
            Files.createDirectories(dir);
            Path caStore = dir.resolve("ca.p12");
            Path proxyStore = dir.resolve("proxy.p12");
            Path csr = dir.resolve("proxy.csr");
            Path ca = dir.resolve("ca.crt");
            Path cert = dir.resolve("proxy.crt");
            keytool(store(caStore, "-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=promfleet e2e CA", "-ext", "bc:c"));
            keytool(store(proxyStore, "-genkeypair", "-alias", "proxy", "-keyalg", "RSA", "-keysize", "2048",
                    "-validity", "2", "-dname", "CN=promfleet-receiver-proxy"));
            keytool(store(proxyStore, "-certreq", "-alias", "proxy", "-file", csr.toString()));
            keytool(store(caStore, "-gencert", "-alias", "ca", "-infile", csr.toString(), "-outfile", cert.toString(),
                    "-rfc", "-validity", "2", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-ext", "EKU=serverAuth"));
            keytool(store(caStore, "-exportcert", "-alias", "ca", "-rfc", "-file", ca.toString()));

            KeyStore proxyKeys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(proxyStore)) {
                proxyKeys.load(in, STORE_PASSWORD.toCharArray());
            }
            PrivateKey privateKey = (PrivateKey) proxyKeys.getKey("proxy", STORE_PASSWORD.toCharArray());
            Path key = dir.resolve("proxy.key");
            Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(privateKey.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            return new ProxyCertificates(ca, cert, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the proxy's certificates in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the proxy's key from its store in " + dir, e);
        }
    }

    /** An SSL context trusting only the run's CA, for a Java client of the proxy. */
    public SSLContext trustingCa() {
        try (InputStream in = Files.newInputStream(ca)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            Certificate caCert = CertificateFactory.getInstance("X.509").generateCertificate(in);
            trust.setCertificateEntry("ca", caCert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust " + ca, e);
        }
    }

    private static List<String> store(Path keystore, String... args) {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD,
                "-keypass", STORE_PASSWORD, "-noprompt"));
        return command;
    }

    private static void keytool(List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args.get(0) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
