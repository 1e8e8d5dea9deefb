package io.promfleet.api.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Kubernetes resource quantities ({@code 200Mi}, {@code 2Gi}, {@code 500m}, {@code 1.5}, {@code 1e3}),
 * as the API's {@code resource.Quantity} writes them.
 */
public final class Quantity {

    private static final String[] BINARY = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    private static final String[] DECIMAL = {"k", "M", "G", "T", "P", "E"};

    private Quantity() {}

    /** Bytes (or plain units) of {@code text}, rounded up; e.g. {@code 2Gi} is 2147483648. */
    public static long toLong(String text) {
        return parse(text).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** Thousandths of {@code text}, rounded up; e.g. CPU {@code 500m} is 500 and {@code 2} is 2000. */
    public static long toMillis(String text) {
        return parse(text).movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /**
     * Parses a quantity.
     *
     * @throws IllegalArgumentException when {@code text} is not one
     */
    public static BigDecimal parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty quantity");
        }
        String s = text.trim();
        try {
            for (int i = 0; i < BINARY.length; i++) {
                if (s.endsWith(BINARY[i])) {
                    return number(s, 2).multiply(BigDecimal.valueOf(2).pow(10 * (i + 1)));
                }
            }
            if (s.endsWith("m")) {
                return number(s, 1).movePointLeft(3);
            }
            for (int i = 0; i < DECIMAL.length; i++) {
                if (s.endsWith(DECIMAL[i])) {
                    return number(s, 1).movePointRight(3 * (i + 1));
                }
            }
            return new BigDecimal(s);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not a Kubernetes quantity: '" + text + "'", e);
        }
    }

    private static BigDecimal number(String s, int suffixLength) {
        return new BigDecimal(s.substring(0, s.length() - suffixLength));
    }
}
