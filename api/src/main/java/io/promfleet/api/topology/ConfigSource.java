package io.promfleet.api.topology;

/**
 * The object a Prometheus configuration was read from: a ConfigMap (and its key) mounted at
 * {@code --config.file}, or an operator resource's {@code spec}.
 */
public record ConfigSource(String kind, String namespace, String name, String key) {
    @Override
    public String toString() {
        return kind + "/" + namespace + "/" + name + (key == null ? "" : " key " + key);
    }
}
