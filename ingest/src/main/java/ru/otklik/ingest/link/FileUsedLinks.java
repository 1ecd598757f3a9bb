package ru.otklik.ingest.link;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link UsedLinks} that survives a restart: an append-only log {@code used-links.log}, one spent
 * link per line ({@code linkId TAB responseId}), fsync'ed before {@link #markUsed} returns, so the
 * questionnaire confirms a single-use answer only once the spending is on disk. The whole log is
 * read at start into memory; lookups never touch the disk.
 *
 * <p>A crash in the middle of an append leaves a last line without its newline. That line was
 * never confirmed to anyone, so it is dropped and cut off the file, and the next append starts on
 * a clean line. One process writes the file; several ingest instances still need a shared store.
 */
public final class FileUsedLinks implements UsedLinks {

    public static final String FILE_NAME = "used-links.log";
    private static final Logger LOG = LoggerFactory.getLogger(FileUsedLinks.class);

    private final Path file;
    private final Map<String, String> usedBy = new ConcurrentHashMap<>();

    private FileUsedLinks(Path file) {
        this.file = file;
    }

    /** Loads {@code <directory>/used-links.log}; a missing file is an empty log (created at the first use). */
    public static FileUsedLinks open(Path directory) {
        FileUsedLinks links = new FileUsedLinks(directory.resolve(FILE_NAME));
        try {
            links.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the used-links log " + links.file, e);
        }
        return links;
    }

    public Path file() {
        return file;
    }

    /** How many spent links the log holds. */
    public int size() {
        return usedBy.size();
    }

    @Override
    public Optional<String> usedBy(String linkId) {
        return Optional.ofNullable(usedBy.get(linkId));
    }

    /**
     * Appends and fsyncs the line, then remembers the link. Serialised: exactly one caller wins a link,
     * and appends never interleave. When the disk fails the link is still kept in memory (the answer is
     * already in Kafka; refusing now would un-send nothing) and the failure is logged loudly: until a
     * restart this instance still guards the link.
     */
    @Override
    public synchronized boolean markUsed(String linkId, String responseId) {
        requireToken(linkId, "linkId");
        Objects.requireNonNull(responseId, "responseId");
        if (!responseId.isEmpty()) {
            requireToken(responseId, "responseId");
        }
        if (usedBy.containsKey(linkId)) {
            return false;
        }
        try {
            append(linkId + "\t" + responseId + "\n");
        } catch (IOException | UncheckedIOException e) {
            LOG.error("event=used_link_not_persisted link={} response={} file={} error=\"{}\" effect=\"a restart "
                    + "lets this single-use link answer once more\"", linkId, responseId, file, e.toString());
        }
        usedBy.put(linkId, responseId);
        return true;
    }

    private void append(String line) throws IOException {
        boolean created = Files.notExists(file);
        if (created) {
            Files.createDirectories(file.getParent());
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        if (created) {
            syncDirectory(); // a new file's name must be durable too, or a crash loses the whole log
        }
    }

    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) { // not every platform can open a directory; the data itself is synced
            LOG.debug("event=used_links_dir_sync_skipped dir={} error=\"{}\"", file.getParent(), e.toString());
        }
    }

    private void load() throws IOException {
        if (Files.notExists(file)) {
            LOG.info("event=used_links_loaded file={} links=0 new=true", file);
            return;
        }
        byte[] content = Files.readAllBytes(file);
        int lastNewline = lastIndexOf(content, (byte) '\n');
        int complete = lastNewline + 1; // bytes up to and including the last newline
        int skipped = 0;
        for (String line : new String(content, 0, complete, StandardCharsets.US_ASCII).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int tab = line.indexOf('\t');
            String linkId = tab < 0 ? line : line.substring(0, tab);
            String responseId = tab < 0 ? "" : line.substring(tab + 1);
            if (!isToken(linkId) || (!responseId.isEmpty() && !isToken(responseId))) {
                skipped++; // never written by this class; keep reading rather than refuse to start
                continue;
            }
            usedBy.putIfAbsent(linkId, responseId); // the first spending wins, as it did when written
        }
        if (complete < content.length) {
            LOG.warn("event=used_links_torn_line file={} dropped_bytes={} reason=\"crash during an append; the "
                    + "line was never confirmed\"", file, content.length - complete);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(complete);
                channel.force(true);
            }
        }
        if (skipped > 0) {
            LOG.warn("event=used_links_lines_skipped file={} lines={}", file, skipped);
        }
        LOG.info("event=used_links_loaded file={} links={}", file, usedBy.size());
    }

    private static int lastIndexOf(byte[] bytes, byte b) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Link and response ids are URL-safe tokens; anything else would break the line format. */
    private static boolean isToken(String s) {
        if (s.isEmpty() || s.length() > 128) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_' || c == '.' || c == ':';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static void requireToken(String s, String what) {
        Objects.requireNonNull(s, what);
        if (!isToken(s)) {
            throw new IllegalArgumentException(what + " must be a URL-safe token: " + s);
        }
    }
}
