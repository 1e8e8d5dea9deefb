package io.promfleet.proxy.support;

import io.promfleet.proxy.proto.v1.RemoteWriteV1;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.xerial.snappy.Snappy;

/** Builds remote-write requests for tests. */
public final class RemoteWrite {

    public static final String V1_CONTENT_TYPE = "application/x-protobuf";
    public static final String V2_CONTENT_TYPE = "application/x-protobuf;proto=io.prometheus.write.v2.Request";

    private RemoteWrite() {
    }

    /** A series with {@code labels} as name, value, name, value ... (kept in the given order) and one sample. */
    public static RemoteWriteV1.TimeSeries series(long timestamp, double value, String... labels) {
        RemoteWriteV1.TimeSeries.Builder b = RemoteWriteV1.TimeSeries.newBuilder();
        for (int i = 0; i < labels.length; i += 2) {
            b.addLabels(RemoteWriteV1.Label.newBuilder().setName(labels[i]).setValue(labels[i + 1]));
        }
        return b.addSamples(RemoteWriteV1.Sample.newBuilder().setValue(value).setTimestamp(timestamp)).build();
    }

    public static RemoteWriteV1.WriteRequest request(RemoteWriteV1.TimeSeries... series) {
        RemoteWriteV1.WriteRequest.Builder b = RemoteWriteV1.WriteRequest.newBuilder();
        for (RemoteWriteV1.TimeSeries s : series) {
            b.addTimeseries(s);
        }
        return b.build();
    }

    public static byte[] snappy(byte[] raw) {
        try {
            return Snappy.compress(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] unsnappy(byte[] compressed) {
        try {
            return Snappy.uncompress(compressed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A realistic batch: {@code n} series of ~10 labels and one sample each, as Prometheus sends them. */
    public static RemoteWriteV1.WriteRequest realisticBatch(int n, long timestamp) {
        RemoteWriteV1.WriteRequest.Builder b = RemoteWriteV1.WriteRequest.newBuilder();
        for (int i = 0; i < n; i++) {
            b.addTimeseries(series(timestamp, i * 1.5,
                    "__name__", "http_requests_total",
                    "cluster", "cluster-02",
                    "code", Integer.toString(200 + i % 5),
                    "container", "api",
                    "endpoint", "http",
                    "instance", "10.0." + (i / 250) + "." + (i % 250) + ":8080",
                    "job", "api-server",
                    "method", i % 2 == 0 ? "GET" : "POST",
                    "namespace", "production",
                    "pod", "api-" + (i % 50) + "-7d9f8b6c5-x2k4q"));
        }
        return b.build();
    }
}
