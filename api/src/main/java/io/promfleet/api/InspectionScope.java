package io.promfleet.api;

/**
 * How much of the fleet an {@link Inspector} needs in memory at once, which lets the engine audit a fleet
 * far larger than its heap: it reads one cluster at a time, lets the {@link #CLUSTER} checks look at it,
 * keeps what the {@link #TOPOLOGY} checks need, and lets the cluster's objects go.
 *
 * <p>A check that declares nothing is {@link #FLEET}: it sees the whole fleet, every object of every
 * cluster, exactly as before SPI 1.3. It keeps working unchanged; the engine then holds the whole fleet in
 * memory for that audit.
 *
 * @since SPI 1.3
 */
@Experimental
public enum InspectionScope {

    /**
     * The check sees the whole fleet at once, with every object of every cluster (the default, and what
     * every check saw before SPI 1.3). An audit with such a check holds the whole fleet in memory.
     */
    FLEET,

    /**
     * The check looks at one cluster at a time. {@link Inspector#inspect} is called once per cluster, in
     * fleet order; {@link InspectionContext#clustersToInspect()} is that one cluster, with every object, and
     * {@link InspectionContext#fleet()} holds it and the fleet's central clusters (in full: edges are judged
     * against them), in fleet order, and no other cluster. Findings and gaps about another cluster are
     * dropped in such a call, since that cluster has (or had) a call of its own; a fleet-level finding or
     * gap reported in several calls counts once.
     */
    CLUSTER,

    /**
     * The check compares clusters with each other (e.g. two edges sharing external labels, the fleet's
     * total waste). {@link Inspector#inspect} is called once, after every cluster was read, with a fleet
     * whose central clusters are complete and whose edge clusters keep their {@link
     * io.promfleet.api.model.Cluster#topology() topology} but, among their objects, only those the topology
     * names (workloads, their owners, configuration sources), those carrying the
     * {@value io.promfleet.api.model.KubeObject#IGNORE_ANNOTATION} annotation, and those earlier findings
     * point at.
     */
    TOPOLOGY
}
