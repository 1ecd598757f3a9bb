package ru.otklik.infra.local;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/** Deleting a folder tree that may still change under us, and saying what is left when that fails. */
final class FileTrees {

    private static final int ATTEMPTS = 3;

    private FileTrees() {
    }

    /**
     * Deletes {@code root} and everything below it, never following links. Files that vanish
     * meanwhile are fine; a directory that got a new entry meanwhile is walked again. Returns
     * whether {@code root} is gone.
     */
    static boolean delete(Path root) {
        return delete(root, null);
    }

    /**
     * The same, with {@code last} (a file in {@code root}) deleted only after everything else: an
     * owner lock must outlive a delete cut short, or the half-deleted folder looks unowned.
     */
    static boolean delete(Path root, Path last) {
        for (int attempt = 0; attempt < ATTEMPTS && Files.exists(root, LinkOption.NOFOLLOW_LINKS); attempt++) {
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        if (!file.equals(last)) {
                            Files.deleteIfExists(file);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE; // gone meanwhile
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                        if (last != null && dir.equals(root)) {
                            Files.deleteIfExists(last);
                        }
                        try {
                            Files.deleteIfExists(dir);
                        } catch (DirectoryNotEmptyException notYet) {
                            // written to meanwhile: the next attempt walks it again
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                // a file we may not delete: the loop's condition reports it
            }
        }
        return !Files.exists(root, LinkOption.NOFOLLOW_LINKS);
    }

    /** How many files and bytes are under {@code root}, for a log line. */
    static String describe(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            long[] filesAndBytes = new long[2];
            paths.filter(Files::isRegularFile).forEach(p -> {
                filesAndBytes[0]++;
                filesAndBytes[1] += p.toFile().length();
            });
            return filesAndBytes[0] + "_files_" + filesAndBytes[1] + "_bytes";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
