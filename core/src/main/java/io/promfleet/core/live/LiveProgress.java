package io.promfleet.core.live;

/** Told as each cluster of a live read finishes; called from the reading threads, one call at a time. */
@FunctionalInterface
public interface LiveProgress {

    LiveProgress NONE = (cluster, done, total, failure) -> {};

    /**
     * @param cluster the cluster just finished
     * @param done    how many clusters are finished, this one included
     * @param total   how many the fleet has
     * @param failure why it could not be read, or {@code null} when it could
     */
    void clusterDone(String cluster, int done, int total, ClusterFailure failure);
}
