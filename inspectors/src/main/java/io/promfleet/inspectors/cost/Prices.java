package io.promfleet.inspectors.cost;

import io.promfleet.api.Settings;

/**
 * Monthly prices the waste estimate uses, from the audit's settings. The defaults are public on-demand
 * list prices (about 730 hours a month) of a general-purpose cloud VM's parts — Google Compute Engine
 * E2 in us-central1: $0.021811 per vCPU-hour and $0.002923 per GB-hour — and of balanced persistent disk
 * ($0.10 per GB-month). Self-hosted fleets should pass their own: {@code --price-memory},
 * {@code --price-cpu}, {@code --price-storage}, {@code --currency}.
 */
record Prices(double memoryGibMonth, double cpuCoreMonth, double storageGibMonth, String currency) {

    static final double DEFAULT_MEMORY_GIB_MONTH = 2.13;
    static final double DEFAULT_CPU_CORE_MONTH = 15.92;
    static final double DEFAULT_STORAGE_GIB_MONTH = 0.10;
    static final String DEFAULT_CURRENCY = "USD";

    static Prices from(Settings settings) {
        return new Prices(
                settings.getDouble("price.memory.gib-month", DEFAULT_MEMORY_GIB_MONTH),
                settings.getDouble("price.cpu.core-month", DEFAULT_CPU_CORE_MONTH),
                settings.getDouble("price.storage.gib-month", DEFAULT_STORAGE_GIB_MONTH),
                settings.getString("price.currency", DEFAULT_CURRENCY));
    }
}
