package io.promfleet.inspectors.cost;

import io.promfleet.api.Settings;
import io.promfleet.inspectors.support.Texts;
import java.util.Locale;

/**
 * Monthly prices the waste estimate uses, from the audit's settings ({@code price.memory.gib-month},
 * {@code price.cpu.core-month}, {@code price.storage.gib-month}, {@code price.currency}; the CLI's
 * {@code --price-memory}, {@code --price-cpu}, {@code --price-storage}, {@code --currency}).
 *
 * <p>The defaults are public on-demand list prices in us-central1, at 730 hours a month, because a
 * request reserves capacity on a node someone pays for by the hour:
 * <ul>
 *   <li>memory 2.13 USD per GiB-month: Google Compute Engine E2, 0.002923 USD per GB-hour (Compute Engine
 *       bills memory in GiB);</li>
 *   <li>CPU 15.92 USD per core-month: E2, 0.021811 USD per vCPU-hour (cross-check: e2-standard-2, 2 vCPU and
 *       8 GB, lists at 0.067006 USD an hour = 2 × 0.021811 + 8 × 0.002923);</li>
 *   <li>storage 0.10 USD per GiB-month: balanced persistent disk ({@code pd-balanced}).</li>
 * </ul>
 * Source: cloud.google.com/compute/vm-instance-pricing and cloud.google.com/compute/disks-image-pricing.
 * Self-hosted fleets (the seed fleet runs on k3s) should pass their own amortised prices.
 */
record Prices(double memoryGibMonth, double cpuCoreMonth, double storageGibMonth, String currency, boolean defaults) {

    static final String MEMORY_KEY = "price.memory.gib-month";
    static final String CPU_KEY = "price.cpu.core-month";
    static final String STORAGE_KEY = "price.storage.gib-month";
    static final String CURRENCY_KEY = "price.currency";

    static final double DEFAULT_MEMORY_GIB_MONTH = 2.13;
    static final double DEFAULT_CPU_CORE_MONTH = 15.92;
    static final double DEFAULT_STORAGE_GIB_MONTH = 0.10;
    static final String DEFAULT_CURRENCY = "USD";

    // The defaults' source is named in the evidence (bundle key rw.evidence.prices.default): Google Compute
    // Engine E2 memory and vCPU and balanced persistent disk, us-central1 on-demand list prices at 730 hours a month.

    /** @throws IllegalArgumentException naming the setting when a price is not a number or is negative */
    static Prices from(Settings settings) {
        boolean defaults = settings.get(MEMORY_KEY).isEmpty() && settings.get(CPU_KEY).isEmpty()
                && settings.get(STORAGE_KEY).isEmpty() && settings.get(CURRENCY_KEY).isEmpty();
        return new Prices(
                price(settings, MEMORY_KEY, DEFAULT_MEMORY_GIB_MONTH),
                price(settings, CPU_KEY, DEFAULT_CPU_CORE_MONTH),
                price(settings, STORAGE_KEY, DEFAULT_STORAGE_GIB_MONTH),
                settings.getString(CURRENCY_KEY, DEFAULT_CURRENCY).toUpperCase(Locale.ROOT),
                defaults);
    }

    private static double price(Settings settings, String key, double fallback) {
        double value = settings.getDouble(key, fallback);
        if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("setting '" + key + "' must be a price of 0 or more, got " + value);
        }
        return value;
    }

    /** The prices in words, and where they come from. */
    /** The prices as the evidence shows them, in the report's language; the defaults name their source. */
    String describe(Texts t) {
        return t.get("rw.evidence.prices", amount(memoryGibMonth), currency, amount(cpuCoreMonth), amount(storageGibMonth),
                t.get(defaults ? "rw.evidence.prices.default" : "rw.evidence.prices.configured"));
    }

    static String amount(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
