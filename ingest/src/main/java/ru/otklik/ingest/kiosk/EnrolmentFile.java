package ru.otklik.ingest.kiosk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import ru.otklik.common.response.EventJson;

/**
 * The enrolled-kiosks JSON file. A write never leaves a half-written file behind: the new content
 * goes to a temporary file next to it, is forced to disk, and replaces the old one by an atomic
 * rename; a crash at any point leaves either the old or the new state. The file holds device
 * secrets, so it is created readable by its owner only (where the file system knows POSIX modes).
 */
public final class EnrolmentFile {

    private final Path file;

    public EnrolmentFile(Path file) {
        this.file = file.toAbsolutePath();
    }

    public Path path() {
        return file;
    }

    /** The stored state; empty when the file does not exist yet. */
    public EnrolmentState read() {
        if (!Files.exists(file)) {
            return EnrolmentState.empty();
        }
        try {
            return EventJson.mapper().readValue(file.toFile(), EnrolmentState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read enrolled kiosks from " + file, e);
        }
    }

    public void write(EnrolmentState state) {
        Path dir = file.getParent();
        Path temp = dir.resolve("." + file.getFileName() + ".tmp");
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(temp);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(EventJson.toBytes(state));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(dir);
        } catch (AtomicMoveNotSupportedException e) {
            throw new UncheckedIOException("the file system of " + file + " cannot replace files atomically", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write enrolled kiosks to " + file, e);
        }
    }

    /** So the rename itself survives a power cut; not every platform lets a directory be opened, which is fine. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort: the file's own content is already on disk
        }
    }
}
