package io.promfleet.proxy.tenant;

import com.google.protobuf.InvalidProtocolBufferException;
import io.promfleet.proxy.proto.v1.RemoteWriteV1;
import io.promfleet.proxy.validate.RequiredLabel;

/**
 * Adds the tenant's identifying label to every series that lacks it, at its sorted position (Thanos
 * Receive rejects unsorted labels). Only runs when validation counted such series, so the common path
 * (every series already labelled, or no policy) never re-encodes.
 */
public final class TenantLabelInjector {

    private TenantLabelInjector() {
    }

    /** @param writeRequest a validated, decompressed {@code prometheus.WriteRequest} in {@code [0, length)} */
    public static byte[] inject(byte[] writeRequest, int length, RequiredLabel label) throws InvalidProtocolBufferException {
        RemoteWriteV1.WriteRequest.Builder request = RemoteWriteV1.WriteRequest.parseFrom(
                java.nio.ByteBuffer.wrap(writeRequest, 0, length)).toBuilder();
        for (RemoteWriteV1.TimeSeries.Builder series : request.getTimeseriesBuilderList()) {
            int at = insertionPoint(series, label.name());
            if (at >= 0) {
                series.addLabels(at, RemoteWriteV1.Label.newBuilder().setName(label.name()).setValue(label.value()));
            }
        }
        return request.build().toByteArray();
    }

    /** The index to insert at, or -1 when the series has the label already (validation checked its value). */
    private static int insertionPoint(RemoteWriteV1.TimeSeries.Builder series, String name) {
        for (int i = 0; i < series.getLabelsCount(); i++) {
            int order = series.getLabels(i).getName().compareTo(name);
            if (order == 0) {
                return -1;
            }
            if (order > 0) {
                return i;
            }
        }
        return series.getLabelsCount();
    }
}
