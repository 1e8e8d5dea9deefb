package io.promfleet.proxy.decode;

import java.util.Locale;

/**
 * Chooses the Protobuf Message from the request headers, as Remote-Write 2.0 ("Content-Type") requires:
 * the receiver MUST use Content-Type to pick the schema, and MUST answer 415 to a content type or
 * encoding it does not support ("Unsupported Request Content").
 */
public final class ContentNegotiation {

    private ContentNegotiation() {
    }

    /**
     * @return the protocol, or {@code null} when the content type is not one of the three the spec allows
     */
    public static Protocol protocolOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        // RFC 9110: media type and parameter names are case-insensitive; parameters may carry spaces and quotes.
        String[] parts = contentType.split(";");
        if (!parts[0].trim().toLowerCase(Locale.ROOT).equals("application/x-protobuf")) {
            return null;
        }
        Protocol protocol = Protocol.V1;
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim();
            int eq = param.indexOf('=');
            if (eq < 0) {
                continue;
            }
            if (!param.substring(0, eq).trim().equalsIgnoreCase("proto")) {
                continue;
            }
            String value = param.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (value.equals(Protocol.V1.messageName())) {
                protocol = Protocol.V1;
            } else if (value.equals(Protocol.V2.messageName())) {
                protocol = Protocol.V2;
            } else {
                return null;
            }
        }
        return protocol;
    }

    /** Spec: senders MUST use {@code snappy}; it is the only encoding defined so far. */
    public static boolean encodingSupported(String contentEncoding) {
        return contentEncoding != null && contentEncoding.trim().equalsIgnoreCase("snappy");
    }
}
