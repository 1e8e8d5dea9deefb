package io.promfleet.core.topology;

import io.promfleet.api.model.KubeObject;
import io.promfleet.api.topology.Topology;
import io.promfleet.core.tree.TreeReader;
import java.util.List;

/** Derives a cluster's monitoring topology from its objects. */
public final class TopologyBuilder {

    private final PrometheusConfigParser configParser = new PrometheusConfigParser(new TreeReader());

    public Topology build(List<KubeObject> objects) {
        ClusterObjects index = new ClusterObjects(objects);
        MonitoringWorkloadDiscovery monitoring = new MonitoringWorkloadDiscovery(index);
        EndpointDiscovery endpoints = new EndpointDiscovery(index);
        return new Topology(
                new PrometheusDiscovery(index, configParser).discover(),
                new ThanosDiscovery(index).discover(),
                monitoring.alertmanagers(),
                monitoring.grafanas(),
                endpoints.services(),
                endpoints.ingressRoutes(),
                endpoints.nodeAddresses());
    }
}
