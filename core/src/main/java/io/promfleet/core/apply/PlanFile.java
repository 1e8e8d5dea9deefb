package io.promfleet.core.apply;

import io.promfleet.core.InputException;
import io.promfleet.core.plan.Plan;
import io.promfleet.core.plan.PlanJsonReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A plan as {@code apply} runs it: the plan, where it came from, and the SHA-256 of its file, which ties a journal
 * to the plan it records.
 */
public record PlanFile(Plan plan, String source, String sha256) {

    /** @throws InputException naming the file and field when it is not a plan */
    public static PlanFile read(Path file) {
        Plan plan = new PlanJsonReader().read(file);
        try {
            return new PlanFile(plan, file.toString(), sha256(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new InputException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** A plan made in this process (e.g. by {@code Promfleet.plan}), named and digested by its JSON. */
    public static PlanFile of(Plan plan, String source) {
        try {
            java.io.StringWriter json = new java.io.StringWriter();
            new io.promfleet.core.plan.PlanJsonWriter().write(plan, json);
            return new PlanFile(plan, source, sha256(json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
