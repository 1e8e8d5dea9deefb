package io.promfleet.cli.audit;

import io.promfleet.api.Settings;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Prices for the waste estimate, passed to checks as settings. Unset prices fall back to the defaults
 * the resource-waste check documents.
 */
public final class PriceOptions {

    @Option(names = "--price-memory", paramLabel = "PER_GIB_MONTH",
            description = "Price of 1 GiB of memory for a month.")
    private Double memory;

    @Option(names = "--price-cpu", paramLabel = "PER_CORE_MONTH", description = "Price of 1 CPU core for a month.")
    private Double cpu;

    @Option(names = "--price-storage", paramLabel = "PER_GIB_MONTH",
            description = "Price of 1 GiB of persistent storage for a month.")
    private Double storage;

    @Option(names = "--currency", paramLabel = "CODE", description = "Currency of the prices, e.g. USD or KRW.")
    private String currency;

    Settings toSettings() {
        Map<String, String> values = new LinkedHashMap<>();
        put(values, "price.memory.gib-month", memory, "--price-memory");
        put(values, "price.cpu.core-month", cpu, "--price-cpu");
        put(values, "price.storage.gib-month", storage, "--price-storage");
        if (currency != null) {
            if (!currency.matches("[A-Za-z]{3}")) {
                throw new IllegalArgumentException("--currency: '" + currency + "' is not a 3-letter currency code");
            }
            values.put("price.currency", currency.toUpperCase(java.util.Locale.ROOT));
        }
        return new Settings(values);
    }

    private static void put(Map<String, String> values, String key, Double price, String option) {
        if (price == null) {
            return;
        }
        if (price.isNaN() || price.isInfinite() || price < 0) {
            throw new IllegalArgumentException(option + ": a price must be a finite number of 0 or more, got " + price);
        }
        values.put(key, Double.toString(price));
    }
}
