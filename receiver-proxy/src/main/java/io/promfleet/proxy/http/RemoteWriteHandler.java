package io.promfleet.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.promfleet.proxy.config.Limits;
import io.promfleet.proxy.decode.ContentNegotiation;
import io.promfleet.proxy.decode.MalformedRequestException;
import io.promfleet.proxy.decode.Protocol;
import io.promfleet.proxy.decode.SnappyBlockDecoder;
import io.promfleet.proxy.metrics.Outcome;
import io.promfleet.proxy.relay.ProxyResponse;
import io.promfleet.proxy.relay.StatusMapper;
import io.promfleet.proxy.relay.UpstreamClient;
import io.promfleet.proxy.tenant.TenantLabelInjector;
import io.promfleet.proxy.translate.V2ToV1Translator;
import io.promfleet.proxy.validate.RejectedException;
import io.promfleet.proxy.validate.RequestStats;
import io.promfleet.proxy.validate.RequiredLabel;
import io.promfleet.proxy.validate.WriteRequestValidator;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.xerial.snappy.Snappy;

/**
 * {@code POST /api/v1/receive}: the per-request path, top to bottom.
 *
 * <ol>
 *   <li>admit: refuse while draining or past the in-flight bound (503);</li>
 *   <li>negotiate: method, {@code Content-Encoding}, {@code Content-Type} (405, 415);</li>
 *   <li>authenticate: the tenant comes from the credential (401);</li>
 *   <li>read the body up to the compressed limit (413);</li>
 *   <li>decode: bounded snappy (400, 413); 2.0 is translated to 1.0 (400);</li>
 *   <li>validate (400; a 2.0 request while it is translated, by the same rules), add the tenant label where
 *       policy says so;</li>
 *   <li>relay: the original bytes when nothing changed, else re-encoded; map the upstream's verdict.</li>
 * </ol>
 * One instance per event loop: the validator's scratch arrays are not shared.
 */
final class RemoteWriteHandler implements Handler<HttpServerRequest> {

    private final ProxyRuntime runtime;
    private final Limits limits;
    private final SnappyBlockDecoder decoder;
    private final V2ToV1Translator translator;
    private final WriteRequestValidator validator;
    private final UpstreamClient upstream;
    private static final int RETAINED_SCRATCH = 4 * 1024 * 1024;
    private byte[] compressScratch = new byte[0];

    RemoteWriteHandler(ProxyRuntime runtime, UpstreamClient upstream) {
        this.runtime = runtime;
        this.limits = runtime.config().limits();
        this.decoder = new SnappyBlockDecoder(limits.maxDecompressedBytes());
        this.translator = new V2ToV1Translator(limits.maxDecompressedBytes());
        this.validator = new WriteRequestValidator(limits);
        this.upstream = upstream;
    }

    @Override
    public void handle(HttpServerRequest request) {
        Exchange ex = new Exchange(request);
        if (runtime.draining()) {
            ex.finishUnadmitted(StatusMapper.unavailable("proxy is shutting down", "1"), true);
            return;
        }
        if (!runtime.tryAcquire()) {
            ex.finishUnadmitted(new ProxyResponse(503, Map.of("Retry-After",
                    Integer.toString(runtime.config().retryAfterSeconds())), "proxy overloaded: "
                    + runtime.config().maxInFlightRequests() + " requests in flight", Outcome.OVERLOADED, null), false);
            return;
        }
        if (request.method() != HttpMethod.POST) {
            ex.finish(ProxyResponse.of(405, Outcome.METHOD_NOT_ALLOWED, null, "remote-write takes POST"));
            return;
        }
        if (!ContentNegotiation.encodingSupported(request.getHeader(HttpHeaders.CONTENT_ENCODING))) {
            ex.finish(ProxyResponse.of(415, Outcome.UNSUPPORTED_MEDIA_TYPE, null,
                    "unsupported Content-Encoding; remote-write requires 'snappy'"));
            return;
        }
        ex.protocol = ContentNegotiation.protocolOf(request.getHeader(HttpHeaders.CONTENT_TYPE));
        if (ex.protocol == null) {
            ex.finish(ProxyResponse.of(415, Outcome.UNSUPPORTED_MEDIA_TYPE, null, "unsupported Content-Type; expected "
                    + "application/x-protobuf with proto=prometheus.WriteRequest or proto=io.prometheus.write.v2.Request"));
            return;
        }
        Optional<String> tenant = runtime.authenticator().tenantOf(request);
        if (tenant.isEmpty()) {
            ex.finish(new ProxyResponse(401, Map.of("WWW-Authenticate", "Bearer"),
                    "authentication required", Outcome.UNAUTHORIZED, null));
            return;
        }
        ex.tenant = tenant.get();
        readBody(ex);
    }

    private void readBody(Exchange ex) {
        HttpServerRequest request = ex.request;
        long declared = contentLength(request);
        if (declared > limits.maxCompressedBytes()) {
            ex.finishClosing(tooLarge(declared));
            return;
        }
        Buffer body = Buffer.buffer((int) (declared > 0 ? declared : 4096));
        request.handler(chunk -> {
            if (ex.done) {
                return;
            }
            if ((long) body.length() + chunk.length() > limits.maxCompressedBytes()) {
                ex.finishClosing(tooLarge((long) body.length() + chunk.length()));
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(t -> ex.finish(ProxyResponse.of(400, Outcome.CLIENT_CLOSED, null, "request aborted")));
        request.endHandler(v -> {
            if (!ex.done) {
                ex.bytes = body.length();
                process(ex, body);
            }
        });
    }

    private void process(Exchange ex, Buffer body) {
        try {
            ByteBuf buf = body.getByteBuf();
            byte[] compressed;
            int offset;
            if (buf.hasArray()) {
                compressed = buf.array();
                offset = buf.arrayOffset() + buf.readerIndex();
            } else {
                compressed = body.getBytes();
                offset = 0;
            }
            // The decoder's reused array: everything that reads it runs below, before this loop's next request.
            SnappyBlockDecoder.Block message = decoder.decompressReusing(compressed, offset, body.length());
            V2ToV1Translator.Translation translation = null;
            byte[] v1 = message.bytes();
            int v1Length = message.length();
            RequiredLabel required = runtime.policies().requiredLabel(ex.tenant);
            RequestStats stats;
            if (ex.protocol == Protocol.V2) {
                // Validated while translated, by the same rules; the 1.0 result is not walked again.
                // The translator's buffer is reused: everything below runs before its next request.
                translation = translator.translate(message.bytes(), 0, message.length(), validator, required,
                        System.currentTimeMillis());
                v1 = translation.buffer(); // the translator's own buffer, valid until its next request
                v1Length = translation.length();
                stats = translation.stats();
            } else {
                stats = validator.validate(v1, 0, v1Length, required, System.currentTimeMillis());
            }
            ex.series = stats.series();
            ex.samples = stats.allSamples();
            Buffer forward;
            if (stats.seriesMissingTenantLabel() > 0) {
                forward = Buffer.buffer(Snappy.compress(TenantLabelInjector.inject(v1, v1Length, required)));
            } else if (ex.protocol == Protocol.V1) {
                forward = body; // the common path: the sender's own bytes, untouched
            } else {
                forward = snappy(v1, v1Length);
            }
            StatusMapper.Counts counts = translation == null
                    ? new StatusMapper.Counts(stats.samples(), stats.histograms(), stats.exemplars())
                    : new StatusMapper.Counts(translation.samples(), translation.histograms(), translation.exemplars());
            long sentAt = System.nanoTime();
            upstream.send(forward, ex.tenant).onSuccess(result -> {
                ex.upstreamNanos = System.nanoTime() - sentAt;
                ProxyResponse response = StatusMapper.map(result, ex.protocol, counts, runtime.config().retryAfterSeconds());
                if (response.outcome() == Outcome.UPSTREAM_UNAVAILABLE) {
                    runtime.log().warn("upstream_unavailable", "tenant", ex.tenant, "upstream", result.upstream(),
                            "result", result.resultTag());
                }
                ex.finish(response);
            });
        } catch (MalformedRequestException e) {
            runtime.log().warn("malformed_request", "tenant", ex.tenant, "reason", e.reason());
            ex.finish(ProxyResponse.of(e.tooLarge() ? 413 : 400, e.tooLarge() ? Outcome.TOO_LARGE : Outcome.MALFORMED,
                    e.reason(), e.getMessage()));
        } catch (RejectedException e) {
            runtime.log().warn("request_rejected", "tenant", ex.tenant, "rule", e.rule().id());
            ex.finish(ProxyResponse.of(400, Outcome.REJECTED, e.rule().id(), e.getMessage()));
        } catch (IOException e) {
            // Snappy.compress or re-parsing our own validated bytes failed: not the sender's fault, so retryable.
            runtime.log().warn("reencode_failed", "tenant", ex.tenant, "error", e.getClass().getSimpleName());
            ex.finish(StatusMapper.unavailable("proxy could not re-encode the request", "1"));
        }
    }

    /** Compresses into a reused array, then copies out only the compressed bytes for the upstream to send. */
    private Buffer snappy(byte[] raw, int length) throws IOException {
        int bound = Snappy.maxCompressedLength(length);
        if (compressScratch.length < bound) {
            compressScratch = new byte[bound];
        }
        int n = Snappy.compress(raw, 0, length, compressScratch, 0);
        Buffer out = Buffer.buffer(Unpooled.wrappedBuffer(Arrays.copyOf(compressScratch, n)));
        if (compressScratch.length > RETAINED_SCRATCH) {
            compressScratch = new byte[0];
        }
        return out;
    }

    private static long contentLength(HttpServerRequest request) {
        String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private ProxyResponse tooLarge(long bytes) {
        return ProxyResponse.of(413, Outcome.TOO_LARGE, "compressed-too-large", "body of " + bytes
                + " bytes is over the limit of " + limits.maxCompressedBytes() + " compressed bytes");
    }

    /** One request's state; {@link #finish} answers and counts it exactly once. */
    private final class Exchange {
        final HttpServerRequest request;
        final long startedAt = System.nanoTime();
        long upstreamNanos;
        Protocol protocol;
        String tenant;
        long bytes;
        long series;
        long samples;
        boolean done;
        boolean admitted = true;

        Exchange(HttpServerRequest request) {
            this.request = request;
        }

        void finishUnadmitted(ProxyResponse response, boolean close) {
            admitted = false;
            if (close) {
                finishClosing(response);
            } else {
                finish(response);
            }
        }

        void finishClosing(ProxyResponse response) {
            // The rest of the body is not read: closing the connection is the only way to stop it.
            request.response().putHeader(HttpHeaders.CONNECTION, "close");
            finish(response);
        }

        void finish(ProxyResponse response) {
            if (done) {
                return;
            }
            done = true;
            if (admitted) {
                runtime.release();
            }
            Outcome outcome = response.outcome();
            String protocolTag = protocol == null ? null : protocol.tag();
            runtime.metrics().request(tenant, protocolTag, outcome, response.rule(), series, samples, bytes);
            runtime.metrics().overhead(protocolTag, System.nanoTime() - startedAt - upstreamNanos);
            HttpServerResponse http = request.response();
            if (http.closed() || http.ended()) {
                return;
            }
            http.setStatusCode(response.status());
            response.headers().forEach(http::putHeader);
            if (response.body().isEmpty()) {
                http.end();
            } else {
                http.putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8").end(response.body() + "\n");
            }
        }
    }
}
