package io.promfleet.inspectors.remotewrite;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes Service DNS name, {@code <service>.<namespace>.svc[.<cluster domain>]}: it resolves only
 * inside a cluster whose DNS domain is that domain (the short form: inside any cluster, through the pod's
 * search path).
 *
 * @param service   the Service name
 * @param namespace its namespace
 * @param domain    the cluster domain, or {@code null} for the short form
 */
record ServiceDnsName(String service, String namespace, String domain) {

    private static final Pattern FORM = Pattern.compile("([a-z0-9-]+)\\.([a-z0-9-]+)\\.svc(?:\\.(.+?))?\\.?");

    static Optional<ServiceDnsName> parse(String host) {
        Matcher m = FORM.matcher(host);
        return m.matches() ? Optional.of(new ServiceDnsName(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    /** True when the name resolves inside a cluster whose DNS domain is {@code clusterDomain}. */
    boolean resolvesIn(String clusterDomain) {
        return domain == null || domain.equalsIgnoreCase(clusterDomain);
    }
}
