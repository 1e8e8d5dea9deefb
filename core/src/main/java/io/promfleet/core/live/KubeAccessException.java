package io.promfleet.core.live;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** A Kubernetes API call that failed, with why in terms an operator can act on. */
public final class KubeAccessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a cluster, or one kind of it, could not be read. */
    public enum Reason {
        /** The kubeconfig, or the context the fleet file names, is missing or unusable. */
        KUBECONFIG("kubeconfig"),
        /** The API server's host name does not resolve. */
        DNS("dns"),
        /** Nothing listens at the API server's address, or no route leads there. */
        CONNECTION_REFUSED("connection-refused"),
        /** The TLS handshake failed: unknown CA, wrong host name in the certificate, bad client certificate. */
        TLS("tls"),
        /** HTTP 401: the credentials are missing, expired or not accepted. */
        UNAUTHORIZED("unauthorized"),
        /** HTTP 403: the credentials are accepted but RBAC does not grant list/get. */
        FORBIDDEN("forbidden"),
        /** HTTP 404: the API server does not serve the kind (e.g. the operator's CRDs are not installed). */
        NOT_SERVED("not-served"),
        /** The connection or the request took longer than the time limit. */
        TIMEOUT("timeout"),
        /** Anything else, e.g. an HTTP 500. */
        OTHER("other");

        private final String id;

        Reason(String id) {
            this.id = id;
        }

        /** A stable, lower-case id, used as evidence and as the message-bundle key. */
        public String id() {
            return id;
        }
    }

    private final Reason reason;
    private final int status;

    public KubeAccessException(Reason reason, int status, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.status = status;
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status the API server answered, or 0 when it did not answer. */
    public int status() {
        return status;
    }

    /** Classifies a failed call to the API; {@code what} says what was being done, e.g. "list pods". */
    public static KubeAccessException classify(Throwable failure, String what) {
        if (failure instanceof KubeAccessException k) {
            return k;
        }
        // The client says -1 when no HTTP answer came back.
        int status = failure instanceof KubernetesClientException k && k.getCode() > 0 ? k.getCode() : 0;
        Reason reason = switch (status) {
            case 401 -> Reason.UNAUTHORIZED;
            case 403 -> Reason.FORBIDDEN;
            case 404 -> Reason.NOT_SERVED;
            default -> status > 0 ? Reason.OTHER : byCause(failure);
        };
        return new KubeAccessException(reason, status, what + ": " + describe(failure, status), failure);
    }

    /** The client wraps the network's exception, sometimes twice: the innermost known one decides. */
    private static Reason byCause(Throwable failure) {
        Reason found = Reason.OTHER;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException) {
                return Reason.DNS;
            } else if (t instanceof SSLException || t instanceof GeneralSecurityException) {
                return Reason.TLS;
            } else if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                found = Reason.CONNECTION_REFUSED;
            } else if (t instanceof InterruptedIOException || t instanceof TimeoutException) {
                // SocketTimeoutException is an InterruptedIOException; a connect timeout too.
                found = found == Reason.OTHER ? Reason.TIMEOUT : found;
            }
        }
        return found;
    }

    private static String describe(Throwable failure, int status) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (status > 0 && failure instanceof KubernetesClientException k && k.getStatus() != null
                && k.getStatus().getMessage() != null) {
            return "HTTP " + status + ": " + k.getStatus().getMessage();
        }
        String text = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        return status > 0 ? "HTTP " + status + ": " + text : text;
    }
}
