package ru.otklik.infra.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

    @TempDir
    Path tmp;

    @Test
    void deletesATreeWithLinksWithoutFollowingThem() throws Exception {
        Path outside = Files.writeString(tmp.resolve("outside"), "keep");
        Path root = Files.createDirectories(tmp.resolve("root/a/b"));
        Files.writeString(root.resolve("f"), "x");
        Files.createSymbolicLink(tmp.resolve("root/link"), outside);
        Files.createSymbolicLink(tmp.resolve("root/dangling"), tmp.resolve("nowhere"));
        Path lock = Files.writeString(tmp.resolve("root/.lock"), "pid");

        assertTrue(FileTrees.delete(tmp.resolve("root"), lock));
        assertFalse(Files.exists(tmp.resolve("root")));
        assertTrue(Files.exists(outside), "a link's target is not deleted");
    }
}
