package io.promfleet.proxy.tenant;

import static io.promfleet.proxy.support.RemoteWrite.V1_CONTENT_TYPE;
import static io.promfleet.proxy.support.RemoteWrite.request;
import static io.promfleet.proxy.support.RemoteWrite.series;
import static io.promfleet.proxy.support.RemoteWrite.snappy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.promfleet.proxy.ReceiverProxy;
import io.promfleet.proxy.config.TlsFiles;
import io.promfleet.proxy.support.ProxyFixture;
import io.promfleet.proxy.support.RecordingUpstream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS on the listener, and client certificates (mTLS) naming the tenant. Certificates are made with openssl. */
class MutualTlsTest {

    @TempDir
    static Path dir;

    private static RecordingUpstream upstream;

    @BeforeAll
    static void makeCertificates() throws Exception {
        assumeTrue(run("openssl", "version"), "openssl is needed to make test certificates");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        assertThat(run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                "-days", "2", "-subj", "/CN=promfleet-test-ca")).isTrue();
        for (String[] cert : new String[][] {{"server", "localhost", "san.ext"}, {"client", "cluster-02", null}}) {
            assertThat(run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", cert[0] + ".key",
                    "-out", cert[0] + ".csr", "-subj", "/CN=" + cert[1])).isTrue();
            assertThat(cert[2] == null
                    ? run("openssl", "x509", "-req", "-in", "client.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                            "-CAcreateserial", "-out", "client.crt", "-days", "2")
                    : run("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                            "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", cert[2])).isTrue();
        }
        assertThat(run("openssl", "pkcs12", "-export", "-in", "client.crt", "-inkey", "client.key", "-out", "client.p12",
                "-passout", "pass:test")).isTrue();
        upstream = RecordingUpstream.start();
    }

    @AfterAll
    static void stopUpstream() {
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void clientCertificateNamesTheTenantAndNoCredentialIs401() throws Exception {
        try (ReceiverProxy.Running proxy = ProxyFixture.start(upstream.url(), b -> b.listenerTls(tls()))) {
            HttpResponse<String> withCert = post(proxy, true, "THANOS-TENANT", "cluster-03");
            assertThat(withCert.statusCode()).isEqualTo(200);
            assertThat(upstream.last().headers().getAll("THANOS-TENANT")).containsExactly("cluster-02");
            int before = upstream.received().size();
            assertThat(post(proxy, false).statusCode()).isEqualTo(401);
            assertThat(upstream.received()).hasSize(before);
        }
    }

    @Test
    void certificateNamesCanBeMappedToTenants() throws Exception {
        try (ReceiverProxy.Running proxy = ProxyFixture.start(upstream.url(),
                b -> b.listenerTls(tls()).clientCertTenants(Map.of("cluster-02", "edge-b")))) {
            assertThat(post(proxy, true).statusCode()).isEqualTo(200);
            assertThat(upstream.last().header("THANOS-TENANT")).isEqualTo("edge-b");
        }
    }

    private static TlsFiles tls() {
        return new TlsFiles(dir.resolve("server.crt"), dir.resolve("server.key"), dir.resolve("ca.crt"));
    }

    private static HttpResponse<String> post(ReceiverProxy.Running proxy, boolean withClientCert, String... headers)
            throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream ca = Files.newInputStream(dir.resolve("ca.crt"))) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        if (withClientCert) {
            try (InputStream p12 = Files.newInputStream(dir.resolve("client.p12"))) {
                keys.load(p12, "test".toCharArray());
            }
        } else {
            keys.load(null, null);
        }
        kmf.init(keys, "test".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + proxy.port() + "/api/v1/receive"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(snappy(request(
                        series(System.currentTimeMillis(), 1, "__name__", "up")).toByteArray())))
                .header("Content-Type", V1_CONTENT_TYPE).header("Content-Encoding", "snappy");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
