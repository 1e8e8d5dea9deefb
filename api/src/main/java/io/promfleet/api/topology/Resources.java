package io.promfleet.api.topology;

/**
 * The CPU and memory one replica asks for, summed over its containers; 0 where unset.
 *
 * @param cpuRequestMillis    CPU request in millicores
 * @param memoryRequestBytes  memory request in bytes
 * @param memoryLimitBytes    memory limit in bytes
 */
public record Resources(long cpuRequestMillis, long memoryRequestBytes, long memoryLimitBytes) {
    public static final Resources NONE = new Resources(0, 0, 0);

    public Resources plus(Resources other) {
        return new Resources(cpuRequestMillis + other.cpuRequestMillis,
                memoryRequestBytes + other.memoryRequestBytes,
                memoryLimitBytes + other.memoryLimitBytes);
    }
}
