package io.promfleet.core.apply;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An apply journal: one JSON object per line, appended and synced to disk before the change it describes is
 * made, so that after a crash (of promfleet, the machine, or the connection) the journal says what may have
 * happened. Never holds a Secret: {@code apply} refuses to change one, so none is ever read into it.
 */
public final class Journal implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileChannel channel;
    private final List<JournalEntry> entries;
    private final Consumer<JournalEntry> afterSync;

    private Journal(Path file, List<JournalEntry> existing, Consumer<JournalEntry> afterSync) throws IOException {
        this.file = file;
        this.entries = new ArrayList<>(existing);
        this.afterSync = afterSync;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    /** Opens {@code file} for appending, reading what it holds (creating it when absent). */
    public static Journal open(Path file) {
        return open(file, entry -> { });
    }

    /**
     * As {@link #open(Path)}, calling {@code afterSync} with each entry once it is on disk: tests inject a crash
     * there ("kill the apply after k entries") and check that a re-run resumes.
     */
    public static Journal open(Path file, Consumer<JournalEntry> afterSync) {
        Objects.requireNonNull(afterSync, "afterSync");
        List<JournalEntry> existing = Files.exists(file) ? new JournalReader().read(file).entries() : List.of();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!Files.exists(file) && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // Owner only: before-states are whole objects, and a Pod or ConfigMap may hold what the audit
                // flags as a plaintext credential (never a Secret's value: Secrets are never journaled).
                Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            }
            return new Journal(file, existing, afterSync);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** Every entry, those read at open and those appended since. */
    public List<JournalEntry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** Appends {@code entry} (numbered here) and syncs it to disk before returning it. */
    public synchronized JournalEntry append(JournalEntry entry) {
        JournalEntry numbered = entry.withSeq(entries.size() + 1L);
        try {
            byte[] line = (JSON.writeValueAsString(numbered.toMap()) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            // Nothing may change that the journal could not record.
            throw new UncheckedIOException("cannot write the journal " + file + ": " + e.getMessage(), e);
        }
        entries.add(numbered);
        afterSync.accept(numbered);
        return numbered;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the journal " + file, e);
        }
    }
}
