package io.promfleet.proxy.decode;

/** The two Protobuf Messages a receiver may be sent (Remote-Write 2.0 spec, "Protocol"). */
public enum Protocol {
    /** {@code prometheus.WriteRequest}, Remote-Write 1.0; deprecated by 2.0 but still what most senders use. */
    V1("prometheus.WriteRequest"),
    /** {@code io.prometheus.write.v2.Request}, Remote-Write 2.0. */
    V2("io.prometheus.write.v2.Request");

    private final String messageName;

    Protocol(String messageName) {
        this.messageName = messageName;
    }

    public String messageName() {
        return messageName;
    }

    /** Tag value for metrics. */
    public String tag() {
        return this == V1 ? "1.0" : "2.0";
    }
}
