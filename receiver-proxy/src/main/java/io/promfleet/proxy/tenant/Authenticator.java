package io.promfleet.proxy.tenant;

import io.promfleet.proxy.config.ProxyConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Decides the tenant of a request from its credential, never from what it claims: the client's own
 * tenant header is ignored (and stripped before relaying). With auth off, every request belongs to the
 * default tenant. With auth on, a bearer token (from {@link TokenStore}) or a client certificate
 * verified against the listener's CA names the tenant; without either the request gets 401.
 */
public final class Authenticator {

    private final TokenStore tokens;
    private final boolean clientCertificates;
    private final Map<String, String> certTenants;
    private final String defaultTenant;
    private final boolean enabled;

    public Authenticator(ProxyConfig config, TokenStore tokens) {
        this.tokens = tokens;
        this.clientCertificates = config.listenerTls().hasCa();
        this.certTenants = config.clientCertTenants();
        this.defaultTenant = config.defaultTenant();
        this.enabled = config.authEnabled();
    }

    /** @return the tenant, or empty when auth is on and the request proves no identity */
    public Optional<String> tenantOf(HttpServerRequest request) {
        if (!enabled) {
            return Optional.of(defaultTenant);
        }
        if (tokens != null) {
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                Optional<String> tenant = tokens.tenantFor(authorization.substring(7).trim());
                if (tenant.isPresent()) {
                    return tenant;
                }
            }
        }
        if (clientCertificates && request.isSSL()) {
            return certificateTenant(request);
        }
        return Optional.empty();
    }

    private Optional<String> certificateTenant(HttpServerRequest request) {
        List<Certificate> chain;
        try {
            chain = request.connection().peerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
        if (chain == null || chain.isEmpty() || !(chain.get(0) instanceof X509Certificate leaf)) {
            return Optional.empty();
        }
        return commonName(leaf).map(cn -> certTenants.isEmpty() ? cn : certTenants.get(cn));
    }

    static Optional<String> commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(rdn.getValue().toString());
                }
            }
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
