package io.promfleet.core.apply;

import io.promfleet.core.live.Fabric8KubeAccess;
import io.promfleet.core.live.KubeAccessException;
import io.promfleet.core.live.KubeconfigAccessFactory;
import java.time.Duration;
import java.util.Objects;

/** Opens {@link KubeWriter}s by kubeconfig context, finding contexts exactly as the live audit does. */
public final class KubeconfigWriterFactory implements KubeWriter.Factory {

    /** Writes wait longer than reads: an admission webhook may take its time. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final KubeconfigAccessFactory kubeconfig;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    public KubeconfigWriterFactory(KubeconfigAccessFactory kubeconfig, Duration connectTimeout, Duration requestTimeout) {
        this.kubeconfig = Objects.requireNonNull(kubeconfig, "kubeconfig");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    public KubeconfigWriterFactory(KubeconfigAccessFactory kubeconfig) {
        this(kubeconfig, KubeconfigAccessFactory.DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    /** @throws KubeAccessException (reason {@code KUBECONFIG}) when the context cannot be used */
    @Override
    public KubeWriter open(String cluster, String context) {
        return new Fabric8KubeWriter(cluster, Fabric8KubeAccess.client(kubeconfig.config(context), connectTimeout,
                requestTimeout));
    }
}
