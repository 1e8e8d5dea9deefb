package io.promfleet.proxy.bench;

import io.promfleet.proxy.config.Limits;
import io.promfleet.proxy.decode.SnappyBlockDecoder;
import io.promfleet.proxy.proto.v1.RemoteWriteV1;
import io.promfleet.proxy.support.RemoteWrite;
import io.promfleet.proxy.translate.V2ToV1Translator;
import io.promfleet.proxy.validate.RequestStats;
import io.promfleet.proxy.validate.RequiredLabel;
import io.promfleet.proxy.validate.WriteRequestValidator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The proxy's CPU work per request, on one thread, as {@code RemoteWriteHandler} does it: snappy decode + validation (1.0), and decode + translation + validation (2.0), on a realistic batch of 2,000 series x 1 sample x 10 labels
 * (Prometheus' default max_samples_per_send). Samples/s = ops/s x 2,000.
 *
 * <pre>
 * mvn -q -pl receiver-proxy -am install -DskipTests
 * mvn -q -pl receiver-proxy dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/cp.txt
 * java -cp receiver-proxy/target/test-classes:receiver-proxy/target/classes:$(cat /tmp/cp.txt) \
 *     org.openjdk.jmh.Main DecodeValidateBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeValidateBenchmark {

    static final int SERIES = 2000;

    private final long now = System.currentTimeMillis();
    private byte[] v1Compressed;
    private byte[] v2Compressed;
    private byte[] v1Raw;
    private byte[] v2Raw;
    private SnappyBlockDecoder decoder;
    private WriteRequestValidator validator;
    private V2ToV1Translator translator;
    private RequiredLabel tenantLabel;

    @Setup
    public void setUp() {
        RemoteWriteV1.WriteRequest batch = RemoteWrite.realisticBatch(SERIES, now);
        v1Compressed = RemoteWrite.snappy(batch.toByteArray());
        v2Compressed = RemoteWrite.snappy(TwoPointZero.fromV1(batch).toByteArray());
        v1Raw = batch.toByteArray();
        v2Raw = TwoPointZero.fromV1(batch).toByteArray();
        decoder = new SnappyBlockDecoder(Limits.DEFAULTS.maxDecompressedBytes());
        validator = new WriteRequestValidator(Limits.DEFAULTS);
        translator = new V2ToV1Translator(Limits.DEFAULTS.maxDecompressedBytes());
        tenantLabel = new RequiredLabel("cluster", "cluster-02", false);
    }

    @Benchmark
    public RequestStats v1DecodeValidate() throws Exception {
        byte[] raw = decoder.decompress(v1Compressed, 0, v1Compressed.length);
        return validator.validate(raw, 0, raw.length, null, now);
    }

    @Benchmark
    public RequestStats v1DecodeValidateWithTenantLabel() throws Exception {
        byte[] raw = decoder.decompress(v1Compressed, 0, v1Compressed.length);
        return validator.validate(raw, 0, raw.length, tenantLabel, now);
    }

    @Benchmark
    public RequestStats v2DecodeTranslateValidate() throws Exception {
        byte[] raw = decoder.decompress(v2Compressed, 0, v2Compressed.length);
        return translator.translate(raw, 0, raw.length, validator, null, now).stats();
    }

    // The stages one by one, to see where a request's time goes.

    @Benchmark
    public byte[] stageV1SnappyDecode() throws Exception {
        return decoder.decompress(v1Compressed, 0, v1Compressed.length);
    }

    @Benchmark
    public RequestStats stageV1Validate() throws Exception {
        return validator.validate(v1Raw, 0, v1Raw.length, null, now);
    }

    @Benchmark
    public RequestStats stageV2TranslateValidate() throws Exception {
        return translator.translate(v2Raw, 0, v2Raw.length, validator, null, now).stats();
    }

    @Benchmark
    public V2ToV1Translator.Translation stageV2Translate() throws Exception {
        return translator.translate(v2Raw, 0, v2Raw.length);
    }
}
