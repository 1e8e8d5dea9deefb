package io.promfleet.cli.audit;

import io.promfleet.api.Settings;
import io.promfleet.core.InputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Properties;
import java.util.TreeSet;
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

    @Option(names = "--prices", paramLabel = "FILE",
            description = "A properties file of prices: price.memory.gib-month, price.cpu.core-month, "
                    + "price.storage.gib-month, price.currency. The price options above override it.")
    private Path pricesFile;

    Settings toSettings() {
        Map<String, String> values = new LinkedHashMap<>();
        if (pricesFile != null) {
            fromFile(values);
        }
        put(values, "price.memory.gib-month", memory, "--price-memory");
        put(values, "price.cpu.core-month", cpu, "--price-cpu");
        put(values, "price.storage.gib-month", storage, "--price-storage");
        if (currency != null) {
            values.put("price.currency", currency(currency, "--currency"));
        }
        return new Settings(values);
    }

    /** The file's price.* keys, each checked as its option would be; other keys are an error naming them. */
    private void fromFile(Map<String, String> values) {
        if (!Files.isRegularFile(pricesFile)) {
            throw new InputException("--prices " + pricesFile + ": no such file");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(pricesFile, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new InputException("--prices " + pricesFile + ": cannot be read: " + e.getMessage(), e);
        }
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            String raw = properties.getProperty(key).trim();
            String where = "--prices " + pricesFile + ": " + key;
            switch (key) {
                case "price.memory.gib-month", "price.cpu.core-month", "price.storage.gib-month" -> {
                    double price;
                    try {
                        price = Double.parseDouble(raw);
                    } catch (NumberFormatException e) {
                        throw new InputException(where + ": '" + raw + "' is not a number", e);
                    }
                    put(values, key, price, where);
                }
                case "price.currency" -> values.put(key, currency(raw, where));
                default -> throw new InputException(where + ": unknown key (expected price.memory.gib-month, "
                        + "price.cpu.core-month, price.storage.gib-month or price.currency)");
            }
        }
    }

    private static String currency(String code, String where) {
        if (!code.matches("[A-Za-z]{3}")) {
            throw new IllegalArgumentException(where + ": '" + code + "' is not a 3-letter currency code");
        }
        return code.toUpperCase(java.util.Locale.ROOT);
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
