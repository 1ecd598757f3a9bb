package ru.otklik.ingest.questionnaire;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@link ContactStore} as an append-only JSON-lines file {@code contacts.jsonl} in its own
 * directory ({@code OTKLIK_CONTACTS_DIR}): one line per contact with response id, office,
 * e-mail and time. Personal data: the file is readable by the service user only, lives outside
 * every analytics store, and is never rewritten, so erasing a contact is a deliberate offline job.
 */
public final class FileContactStore implements ContactStore {

    static final String FILE_NAME = "contacts.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path file;

    public FileContactStore(Path directory) {
        this.file = directory.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void save(Contact contact) { // one writer per process keeps lines whole
        String line = JSON.createObjectNode()
                .put("responseId", contact.responseId())
                .put("officeCode", contact.officeCode())
                .put("email", contact.email())
                .put("at", contact.at().toString())
                .toString() + "\n";
        try {
            Files.createDirectories(file.getParent()); // lazily: a service nobody leaves an e-mail with creates nothing
            if (POSIX && Files.notExists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE, StandardOpenOption.DSYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append a contact to " + file, e);
        }
    }
}
