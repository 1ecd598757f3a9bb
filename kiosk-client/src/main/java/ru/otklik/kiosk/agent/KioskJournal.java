package ru.otklik.kiosk.agent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.KioskTap;

/**
 * A crash-safe, append-only journal of kiosk taps in one directory.
 *
 * <p>Layout: segment files {@code segment-<first sequence, 20 digits>.log} and a checkpoint file
 * {@code acked} ("acked up to" sequence). A record is framed as
 * {@code [int payloadLength][int crc32(payload)][payload]}, and the payload is
 * {@code [byte type][long sequence]} followed by the tap's JSON ({@link #TAP}) or the kept tap's
 * sequence ({@link #SUPPRESSED}: one press folded into that tap by the {@link PressFilter}), or the
 * tap's sequence and a UTF-8 reason code ({@link #REASON}: the visitor's follow-up answer, merged into
 * that tap so it leaves as one tap, counted once), or the tap's sequence, the reason's length, the reason
 * (possibly empty) and the visitor's comment ({@link #FOLLOW_UP}: a follow-up with a comment).
 * Every append is written and forced to disk before it returns, so a returned sequence survives
 * a crash or power loss. On open, a torn or corrupt record at the end of the last segment (a crash
 * mid-write) is detected by its length or CRC, logged and cut off; everything before it survives.
 *
 * <p>The checkpoint is replaced atomically (temp file, fsync, rename), so it is always either the
 * old or the new value. Segments roll at {@code segmentBytes}; closed segments whose records are all
 * acknowledged are deleted, so the disk holds about the unsent backlog plus one segment. The unsent
 * backlog has a hard cap: past it new taps are refused with {@link JournalFullException} and a WARN
 * line, never dropped silently.
 *
 * <p>Unsent taps are also kept in memory (bounded by the cap), so {@link #unsent} never reads disk.
 * Thread-safe: every method is synchronized; appends are rare (human presses).
 */
public final class KioskJournal implements AutoCloseable {

    static final byte TAP = 1;
    static final byte SUPPRESSED = 2;
    static final byte REASON = 3;
    static final byte FOLLOW_UP = 4;
    static final String CHECKPOINT = "acked";
    private static final Pattern SEGMENT_NAME = Pattern.compile("segment-(\\d{20})\\.log");
    private static final int HEADER = 8;
    private static final int MAX_PAYLOAD = 1 << 20;

    private final Path dir;
    private final long segmentBytes;
    private final int maxUnsent;
    /** Segments in sequence order; the last one is the one appended to. */
    private final List<Segment> segments = new ArrayList<>();
    private final TreeMap<Long, KioskTap> unsent = new TreeMap<>();
    private FileChannel active;
    private long ackedUpTo;
    private long nextSequence;
    private boolean fullWarned;

    private KioskJournal(Path dir, long segmentBytes, int maxUnsent) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.maxUnsent = maxUnsent;
    }

    /** Opens (or creates) the journal in {@code dir}, replaying what a previous process left. */
    public static KioskJournal open(Path dir, long segmentBytes, int maxUnsent) throws IOException {
        if (segmentBytes < 1024 || maxUnsent < 1) {
            throw new IllegalArgumentException("segmentBytes >= 1024 and maxUnsent >= 1 required");
        }
        Files.createDirectories(dir);
        KioskJournal journal = new KioskJournal(dir, segmentBytes, maxUnsent);
        journal.recover();
        return journal;
    }

    public static KioskJournal open(Path dir) throws IOException {
        return open(dir, 4L << 20, 200_000);
    }

    /** Journals a counted tap durably; returns its sequence. */
    public synchronized long append(KioskTap tap) throws IOException {
        if (unsent.size() >= maxUnsent) {
            // refuse loudly: the UI shows the kiosk as out of order, the operator sees the log
            if (!fullWarned) {
                LogLine.warn("journal_full", "dir", dir, "unsent", unsent.size(), "cap", maxUnsent,
                        "oldest_unsent", oldestUnsent().map(Instant::toString).orElse("-"));
                fullWarned = true;
            }
            throw new JournalFullException("unsent backlog reached its cap of " + maxUnsent + " taps");
        }
        long sequence = nextSequence;
        byte[] json = EventJson.toBytes(tap);
        ByteBuffer payload = ByteBuffer.allocate(1 + 8 + json.length).put(TAP).putLong(sequence).put(json);
        write(payload.array());
        unsent.put(sequence, tap);
        return sequence;
    }

    /**
     * Journals one press folded into the unsent tap {@code keptSequence}; it is never refused by
     * the cap (it adds no tap, only a count). False if that tap is no longer unsent.
     */
    public synchronized boolean appendSuppressed(long keptSequence) throws IOException {
        KioskTap kept = unsent.get(keptSequence);
        if (kept == null) {
            return false;
        }
        long sequence = nextSequence;
        ByteBuffer payload = ByteBuffer.allocate(1 + 8 + 8).put(SUPPRESSED).putLong(sequence).putLong(keptSequence);
        write(payload.array());
        unsent.put(keptSequence, withOneMorePress(kept));
        return true;
    }

    /** The unsent tap with this id, searched from the newest (a reason follows its tap within seconds). */
    public synchronized Optional<JournaledTap> findUnsent(String tapId) {
        for (Map.Entry<Long, KioskTap> e : unsent.descendingMap().entrySet()) {
            if (e.getValue().tapId().equals(tapId)) {
                return Optional.of(new JournaledTap(e.getKey(), e.getValue()));
            }
        }
        return Optional.empty();
    }

    /**
     * Journals the follow-up reason of the unsent tap {@code tapSequence} and merges it into that tap.
     * False (nothing written) if that tap is no longer unsent or already carries a follow-up.
     */
    public synchronized boolean appendReason(long tapSequence, String reason) throws IOException {
        return appendFollowUp(tapSequence, reason, null);
    }

    /**
     * Journals the visitor's follow-up of the unsent tap {@code tapSequence} — a reason, a comment, or both
     * (at least one) — and merges it into that tap. False (nothing written) if that tap is no longer unsent or
     * already carries a follow-up.
     */
    public synchronized boolean appendFollowUp(long tapSequence, String reason, String comment) throws IOException {
        if (reason == null && comment == null) {
            throw new IllegalArgumentException("a follow-up needs a reason or a comment");
        }
        KioskTap tap = unsent.get(tapSequence);
        if (tap == null || hasFollowUp(tap)) {
            return false;
        }
        byte[] code = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        long sequence = nextSequence;
        ByteBuffer payload;
        if (comment == null) {
            payload = ByteBuffer.allocate(1 + 8 + 8 + code.length).put(REASON).putLong(sequence).putLong(tapSequence)
                    .put(code);
        } else {
            byte[] text = comment.getBytes(StandardCharsets.UTF_8);
            payload = ByteBuffer.allocate(1 + 8 + 8 + 4 + code.length + text.length).put(FOLLOW_UP).putLong(sequence)
                    .putLong(tapSequence).putInt(code.length).put(code).put(text);
        }
        write(payload.array());
        unsent.put(tapSequence, withFollowUp(tap, reason, comment));
        return true;
    }

    /** Whether the visitor answered the follow-up of {@code tap} (a reason, a comment or both). */
    static boolean hasFollowUp(KioskTap tap) {
        return tap.reason() != null || tap.comment() != null;
    }

    /** Up to {@code limit} unacknowledged taps, oldest first, with their suppressed presses folded in. */
    public synchronized List<JournaledTap> unsent(int limit) {
        List<JournaledTap> out = new ArrayList<>(Math.min(limit, unsent.size()));
        for (Map.Entry<Long, KioskTap> e : unsent.entrySet()) {
            if (out.size() >= limit) {
                break;
            }
            out.add(new JournaledTap(e.getKey(), e.getValue()));
        }
        return out;
    }

    public synchronized int unsentCount() {
        return unsent.size();
    }

    /** The client timestamp of the oldest unsent tap. */
    public synchronized Optional<Instant> oldestUnsent() {
        return unsent.isEmpty() ? Optional.empty() : Optional.of(unsent.firstEntry().getValue().clientTs());
    }

    public synchronized long ackedUpTo() {
        return ackedUpTo;
    }

    /** Records durably that ingest accepted every tap up to {@code upToSequence}, then compacts. */
    public synchronized void markSent(long upToSequence) throws IOException {
        if (upToSequence <= ackedUpTo) {
            return;
        }
        if (upToSequence >= nextSequence) {
            throw new IllegalArgumentException("sequence " + upToSequence + " was never journaled");
        }
        writeCheckpoint(upToSequence);
        ackedUpTo = upToSequence;
        unsent.headMap(upToSequence, true).clear();
        fullWarned = false;
        deleteAcknowledgedSegments();
    }

    /** Segment files currently on disk (for tests and status). */
    public synchronized List<Path> segmentFiles() {
        return segments.stream().map(Segment::path).toList();
    }

    @Override
    public synchronized void close() throws IOException {
        if (active != null) {
            active.close();
            active = null;
        }
    }

    // --- writing ---

    private void write(byte[] payload) throws IOException {
        if (active == null) {
            throw new IOException("journal is closed");
        }
        if (active.size() >= segmentBytes) {
            roll();
        }
        CRC32 crc = new CRC32();
        crc.update(payload);
        ByteBuffer frame = ByteBuffer.allocate(HEADER + payload.length)
                .putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        long position = active.size();
        try {
            while (frame.hasRemaining()) {
                active.write(frame, position + frame.position());
            }
            // data and length on disk before the caller acknowledges the tap
            active.force(true);
        } catch (IOException e) {
            // cut a half-written record so later appends do not follow garbage
            try {
                active.truncate(position);
            } catch (IOException ignored) {
                // recovery on reopen handles the torn tail
            }
            throw e;
        }
        nextSequence++;
        Segment last = segments.get(segments.size() - 1);
        segments.set(segments.size() - 1, new Segment(last.path(), last.firstSequence(), nextSequence - 1));
    }

    private void roll() throws IOException {
        active.close();
        active = null;
        openNewSegment();
        deleteAcknowledgedSegments();
    }

    private void openNewSegment() throws IOException {
        Path path = dir.resolve(String.format("segment-%020d.log", nextSequence));
        active = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        segments.add(new Segment(path, nextSequence, nextSequence - 1));
        syncDirectory();
    }

    private void writeCheckpoint(long upTo) throws IOException {
        Path tmp = dir.resolve(CHECKPOINT + ".tmp");
        byte[] content = ("ackedUpTo=" + upTo + "\n").getBytes(StandardCharsets.US_ASCII);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, dir.resolve(CHECKPOINT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the journal directory must support atomic rename: " + dir, e);
        }
        syncDirectory();
    }

    private void deleteAcknowledgedSegments() throws IOException {
        // the active (last) segment stays: it is still written to
        while (segments.size() > 1 && segments.get(0).lastSequence() <= ackedUpTo) {
            Segment done = segments.remove(0);
            Files.deleteIfExists(done.path());
            LogLine.info("journal_segment_deleted", "file", done.path().getFileName(),
                    "last_sequence", done.lastSequence(), "acked_up_to", ackedUpTo);
        }
    }

    /** Makes a created, renamed or deleted file name durable (Linux; a no-op where unsupported). */
    private void syncDirectory() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open a directory; the file contents are forced anyway
        }
    }

    // --- recovery ---

    private void recover() throws IOException {
        ackedUpTo = readCheckpoint();
        long lastRecord = 0;
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> SEGMENT_NAME.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            Matcher m = SEGMENT_NAME.matcher(file.getFileName().toString());
            m.matches();
            long first = Long.parseLong(m.group(1));
            long last = replay(file, i == files.size() - 1, Math.max(first - 1, lastRecord));
            segments.add(new Segment(file, first, Math.max(last, first - 1)));
            lastRecord = Math.max(lastRecord, last);
        }
        // the checkpoint keeps sequences growing even after every segment was deleted
        nextSequence = Math.max(ackedUpTo, lastRecord) + 1;
        deleteAcknowledgedSegments();
        if (segments.isEmpty() || Files.size(segments.get(segments.size() - 1).path()) >= segmentBytes) {
            openNewSegment();
        } else {
            active = FileChannel.open(segments.get(segments.size() - 1).path(), StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
        }
        LogLine.info("journal_opened", "dir", dir, "segments", segments.size(), "unsent", unsent.size(),
                "acked_up_to", ackedUpTo, "next_sequence", nextSequence);
    }

    private long readCheckpoint() throws IOException {
        Path file = dir.resolve(CHECKPOINT);
        Files.deleteIfExists(dir.resolve(CHECKPOINT + ".tmp"));
        if (!Files.exists(file)) {
            return 0;
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (!text.startsWith("ackedUpTo=")) {
            throw new IOException("unreadable checkpoint " + file + ": " + text);
        }
        return Long.parseLong(text.substring("ackedUpTo=".length()));
    }

    /** Replays one segment; returns the last good sequence in it (or {@code previous} if none). */
    private long replay(Path file, boolean lastSegment, long previous) throws IOException {
        long last = previous;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long position = 0;
            String problem = null;
            while (position < size) {
                if (size - position < HEADER) {
                    problem = "short header";
                    break;
                }
                ByteBuffer header = readFully(ch, position, HEADER);
                int length = header.getInt();
                int crc = header.getInt();
                if (length <= 9 || length > MAX_PAYLOAD || size - position - HEADER < length) {
                    problem = "bad or truncated length " + length;
                    break;
                }
                ByteBuffer payload = readFully(ch, position + HEADER, length);
                CRC32 check = new CRC32();
                check.update(payload.array());
                if ((int) check.getValue() != crc) {
                    problem = "crc mismatch";
                    break;
                }
                long sequence = apply(payload);
                if (sequence <= last) {
                    problem = "sequence " + sequence + " not after " + last;
                    break;
                }
                last = sequence;
                position += HEADER + length;
            }
            if (problem != null) {
                if (lastSegment) {
                    // a crash mid-append: the torn record was never acknowledged to anyone, cut it off
                    LogLine.warn("journal_torn_tail", "file", file.getFileName(), "offset", position,
                            "dropped_bytes", size - position, "why", problem);
                    ch.truncate(position);
                    ch.force(true);
                } else {
                    LogLine.error("journal_corrupt_segment", "file", file.getFileName(), "offset", position,
                            "unreadable_bytes", size - position, "why", problem);
                }
            }
        }
        return last;
    }

    private long apply(ByteBuffer payload) throws IOException {
        byte type = payload.get();
        long sequence = payload.getLong();
        if (type == TAP) {
            byte[] json = new byte[payload.remaining()];
            payload.get(json);
            if (sequence > ackedUpTo) {
                unsent.put(sequence, EventJson.fromBytes(json, KioskTap.class));
            }
        } else if (type == SUPPRESSED) {
            long kept = payload.getLong();
            KioskTap tap = unsent.get(kept);
            // a kept tap is only sent once its press window closed, so a folded press of an acked tap
            // was already counted in what was sent: nothing to do
            if (tap != null) {
                unsent.put(kept, withOneMorePress(tap));
            }
        } else if (type == REASON) {
            long tapSequence = payload.getLong();
            byte[] code = new byte[payload.remaining()];
            payload.get(code);
            KioskTap tap = unsent.get(tapSequence);
            // an acked tap was sent with its reason already (it is held until the reason or the window)
            if (tap != null && !hasFollowUp(tap)) {
                unsent.put(tapSequence, withFollowUp(tap, new String(code, StandardCharsets.UTF_8), null));
            }
        } else if (type == FOLLOW_UP) {
            long tapSequence = payload.getLong();
            byte[] code = new byte[payload.getInt()];
            payload.get(code);
            byte[] text = new byte[payload.remaining()];
            payload.get(text);
            KioskTap tap = unsent.get(tapSequence);
            if (tap != null && !hasFollowUp(tap)) {
                unsent.put(tapSequence, withFollowUp(tap, code.length == 0 ? null : new String(code, StandardCharsets.UTF_8),
                        new String(text, StandardCharsets.UTF_8)));
            }
        } else {
            throw new IOException("unknown record type " + type);
        }
        return sequence;
    }

    private static ByteBuffer readFully(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return buf.flip();
    }

    private static KioskTap withOneMorePress(KioskTap t) {
        return new KioskTap(t.tapId(), t.deviceId(), t.button(), t.reason(), t.comment(), t.clientTs(),
                t.suppressedPresses() + 1);
    }

    private static KioskTap withFollowUp(KioskTap t, String reason, String comment) {
        return new KioskTap(t.tapId(), t.deviceId(), t.button(), reason, comment, t.clientTs(), t.suppressedPresses());
    }

    private record Segment(Path path, long firstSequence, long lastSequence) {
    }
}
