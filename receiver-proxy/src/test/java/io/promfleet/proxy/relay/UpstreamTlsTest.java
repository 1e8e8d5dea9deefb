package io.promfleet.proxy.relay;

import static io.promfleet.proxy.support.RemoteWrite.V1_CONTENT_TYPE;
import static io.promfleet.proxy.support.RemoteWrite.request;
import static io.promfleet.proxy.support.RemoteWrite.series;
import static io.promfleet.proxy.support.RemoteWrite.snappy;
import static org.assertj.core.api.Assertions.assertThat;

import io.promfleet.proxy.ReceiverProxy;
import io.promfleet.proxy.config.TlsFiles;
import io.promfleet.proxy.support.ProxyClient;
import io.promfleet.proxy.support.ProxyFixture;
import io.promfleet.proxy.support.RecordingUpstream;
import io.promfleet.proxy.support.TestCertificates;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay towards an https upstream (Thanos Receive behind TLS), with and without a client certificate. */
class UpstreamTlsTest {

    @TempDir
    static Path dir;

    private static TestCertificates.Pem receive;
    private static TestCertificates.Pem proxyClient;
    private static TestCertificates.Pem stranger;

    private RecordingUpstream upstream;
    private ReceiverProxy.Running proxy;

    @BeforeAll
    static void makeCertificates() throws Exception {
        receive = TestCertificates.selfSigned(dir, "thanos-receive");
        proxyClient = TestCertificates.selfSigned(dir, "promfleet-proxy");
        stranger = TestCertificates.selfSigned(dir, "someone-else");
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private static HttpServerOptions httpsWith(TestCertificates.Pem cert) {
        return new HttpServerOptions().setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(cert.cert().toString()).setKeyPath(cert.key().toString()));
    }

    private static byte[] body() {
        return snappy(request(series(System.currentTimeMillis(), 1, "__name__", "up", "job", "a")).toByteArray());
    }

    @Test
    void relaysToAnHttpsUpstreamItTrustsAndProbesItsReadinessOverTls() {
        upstream = RecordingUpstream.start(httpsWith(receive));
        proxy = ProxyFixture.start(upstream.url(), b -> b.upstreamTls(new TlsFiles(null, null, receive.cert())));
        ProxyClient client = new ProxyClient(proxy.port());

        byte[] sent = body();
        assertThat(client.post(sent, V1_CONTENT_TYPE).statusCode()).isEqualTo(200);
        assertThat(upstream.last().body()).isEqualTo(sent);
        assertThat(upstream.lastPeerSubject()).isNull();
        assertThat(client.get("/-/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void anUpstreamCertificateItDoesNotTrustIsUnavailableSoTheSenderRetries() {
        upstream = RecordingUpstream.start(httpsWith(receive));
        proxy = ProxyFixture.start(upstream.url(), b -> b.upstreamTls(new TlsFiles(null, null, stranger.cert())));
        ProxyClient client = new ProxyClient(proxy.port());

        assertThat(client.post(body(), V1_CONTENT_TYPE).statusCode()).isEqualTo(503);
        assertThat(upstream.received()).isEmpty();
        assertThat(client.get("/-/ready").statusCode()).isEqualTo(503);
    }

    @Test
    void presentsItsClientCertificateToAnUpstreamThatRequiresOne() {
        upstream = RecordingUpstream.start(httpsWith(receive).setClientAuth(ClientAuth.REQUIRED)
                .setTrustOptions(new PemTrustOptions().addCertPath(proxyClient.cert().toString())));
        proxy = ProxyFixture.start(upstream.url(),
                b -> b.upstreamTls(new TlsFiles(proxyClient.cert(), proxyClient.key(), receive.cert())));
        ProxyClient client = new ProxyClient(proxy.port());

        assertThat(client.post(body(), V1_CONTENT_TYPE).statusCode()).isEqualTo(200);
        assertThat(upstream.lastPeerSubject()).isEqualTo("CN=promfleet-proxy");
    }

    @Test
    void anUpstreamThatRequiresACertificateRefusesAProxyWithout() {
        upstream = RecordingUpstream.start(httpsWith(receive).setClientAuth(ClientAuth.REQUIRED)
                .setTrustOptions(new PemTrustOptions().addCertPath(proxyClient.cert().toString())));
        proxy = ProxyFixture.start(upstream.url(), b -> b.upstreamTls(new TlsFiles(null, null, receive.cert())));

        assertThat(new ProxyClient(proxy.port()).post(body(), V1_CONTENT_TYPE).statusCode()).isEqualTo(503);
        assertThat(upstream.received()).isEmpty();
    }
}
