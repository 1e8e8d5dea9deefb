package io.promfleet.proxy.tenant;

import io.promfleet.proxy.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Bearer tokens to tenants, read from a file of {@code TENANT TOKEN} lines ({@code #} starts a comment),
 * re-read when its content changes (a Kubernetes Secret volume swaps the file under us).
 *
 * <p>Only SHA-256 digests of the tokens are kept, and a presented token is compared by its digest:
 * the tokens themselves are never stored, logged or counted. A file that breaks on reload keeps the
 * previous tokens in force rather than locking every sender out.
 */
public final class TokenStore {

    private final Path file;
    private volatile Map<Digest, String> tenantsByDigest = Map.of();
    private volatile byte[] lastContentDigest = new byte[0];

    private TokenStore(Path file) {
        this.file = file;
    }

    /** Loads the file now; a missing or malformed file is a start-up error. */
    public static TokenStore load(Path file) {
        TokenStore store = new TokenStore(file);
        try {
            store.reloadIfChanged();
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("auth.tokensFile: " + file + ": " + e.getMessage(), e);
        }
        return store;
    }

    /**
     * Re-reads the file if its content changed.
     *
     * @return whether the tokens changed
     * @throws IllegalArgumentException naming the line at fault, never its token
     */
    public boolean reloadIfChanged() throws IOException {
        byte[] content = Files.readAllBytes(file);
        byte[] digest = sha256(content);
        if (Arrays.equals(digest, lastContentDigest)) {
            return false;
        }
        Map<Digest, String> parsed = parse(new String(content, StandardCharsets.UTF_8));
        tenantsByDigest = parsed;
        lastContentDigest = digest;
        return true;
    }

    public Path file() {
        return file;
    }

    public int size() {
        return tenantsByDigest.size();
    }

    public Optional<String> tenantFor(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(tenantsByDigest.get(new Digest(sha256(token.getBytes(StandardCharsets.UTF_8)))));
    }

    private static Map<Digest, String> parse(String content) {
        Map<Digest, String> out = new HashMap<>();
        String[] lines = content.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected 'TENANT TOKEN'");
            }
            Digest d = new Digest(sha256(parts[1].getBytes(StandardCharsets.UTF_8)));
            String previous = out.put(d, parts[0]);
            if (previous != null && !previous.equals(parts[0])) {
                throw new IllegalArgumentException("line " + (i + 1) + ": the same token is given to tenants "
                        + previous + " and " + parts[0]);
            }
        }
        return Map.copyOf(out);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** A digest as a map key; its toString never shows the bytes. */
    private record Digest(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Digest d && MessageDigest.isEqual(bytes, d.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Digest[redacted]";
        }
    }
}
