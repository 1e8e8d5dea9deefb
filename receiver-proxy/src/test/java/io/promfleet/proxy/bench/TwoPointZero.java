package io.promfleet.proxy.bench;

import io.promfleet.proxy.proto.v1.RemoteWriteV1;
import io.promfleet.proxy.proto.v2.RemoteWriteV2;
import java.util.HashMap;
import java.util.Map;

/** Encodes the same data as a 2.0 request (interned symbols), so 1.0 and 2.0 benchmarks compare like for like. */
public final class TwoPointZero {

    private TwoPointZero() {
    }

    public static RemoteWriteV2.Request fromV1(RemoteWriteV1.WriteRequest v1) {
        RemoteWriteV2.Request.Builder out = RemoteWriteV2.Request.newBuilder().addSymbols("");
        Map<String, Integer> refs = new HashMap<>();
        refs.put("", 0);
        for (RemoteWriteV1.TimeSeries s : v1.getTimeseriesList()) {
            RemoteWriteV2.TimeSeries.Builder ts = out.addTimeseriesBuilder();
            for (RemoteWriteV1.Label l : s.getLabelsList()) {
                ts.addLabelsRefs(ref(out, refs, l.getName())).addLabelsRefs(ref(out, refs, l.getValue()));
            }
            for (RemoteWriteV1.Sample sample : s.getSamplesList()) {
                ts.addSamplesBuilder().setValue(sample.getValue()).setTimestamp(sample.getTimestamp());
            }
        }
        return out.build();
    }

    private static int ref(RemoteWriteV2.Request.Builder out, Map<String, Integer> refs, String symbol) {
        return refs.computeIfAbsent(symbol, s -> {
            out.addSymbols(s);
            return out.getSymbolsCount() - 1;
        });
    }
}
