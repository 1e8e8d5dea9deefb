package io.promfleet.api.topology;

/**
 * How a remote_write endpoint authenticates the sender.
 *
 * @param method             none, basic, bearer, oauth2, sigv4, azuread
 * @param inlineCredential   true when a password, token or secret is written inline in the configuration
 *                           instead of referenced from a file or Secret (its value is never kept)
 * @param credentialLocation where the inline credential sits, e.g. {@code remote_write[0].basic_auth.password}
 */
public record RemoteWriteAuth(String method, boolean inlineCredential, String credentialLocation) {
    public static final RemoteWriteAuth NONE = new RemoteWriteAuth("none", false, null);
}
