package ru.otklik.infra.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A JVM that starts something and then waits to be SIGKILLed by a test, which then checks what
 * outlives it. Prints one {@code READY ...} line once its children run.
 */
public final class OrphanScenario {

    private OrphanScenario() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception | Error e) {
            // non-daemon threads (a browser's) would keep this JVM alive and the test waiting for READY
            e.printStackTrace();
            System.exit(1);
        }
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void run(String[] args) throws Exception {
        switch (args[0]) {
            // a server under the watchdog: must die with this JVM
            case "child" -> {
                Path dir = Files.createTempDirectory("otklik-orphan-child-");
                ChildProcess child = ChildProcess.start("sleeper", List.of("sleep", "600"), dir,
                        dir.resolve("out"), dir.resolve("err"), Map.of());
                System.out.println("READY pid=" + child.pid() + " dir=" + dir);
            }
            // an owned folder with a process running from it that no watchdog guards (as Chromium,
            // started by chromedriver): only a sweep can stop it
            case "folder" -> {
                OwnedTempDir owned = OwnedTempDir.create(args[1]);
                Path log = Files.createFile(owned.path().resolve("log"));
                // output to a file: tail -f notices a closed pipe and would exit with this JVM by itself
                Process tail = new ProcessBuilder("tail", "-f", log.toString())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectOutput(owned.path().resolve("tail.out").toFile()).redirectErrorStream(true).start();
                System.out.println("READY pid=" + tail.pid() + " dir=" + owned.path());
            }
            // the shared test stack, then a normal exit: the shutdown hooks must leave nothing
            case "stack-exit" -> {
                TestStack stack = TestStack.shared();
                System.out.println("READY pid=0 dir=" + stack.dir());
                System.out.flush();
                System.exit(0);
            }
            // the shared test stack, then waiting for a SIGKILL
            case "stack" -> {
                TestStack stack = TestStack.shared();
                System.out.println("READY pid=0 dir=" + stack.dir());
            }
            // the shared stack with its PostgreSQL, then a normal exit (pid: the postmaster's); its
            // postmaster.pid is copied to args[1], to see its shared memory segment go too
            case "stack-postgres-exit" -> {
                TestStack stack = TestStack.shared();
                Files.copy(stack.postgres().dataDir().resolve("postmaster.pid"), Path.of(args[1]));
                System.out.println("READY pid=" + stack.postgres().postmasterPid() + " dir=" + stack.dir());
                System.out.flush();
                System.exit(0);
            }
            // the shared stack with its PostgreSQL, then waiting for a SIGKILL
            case "stack-postgres" -> {
                TestStack stack = TestStack.shared();
                System.out.println("READY pid=" + stack.postgres().postmasterPid() + " dir=" + stack.dir());
            }
            case "browser" -> {
                ChromeDriver browser = HeadlessChromium.start(400, 300);
                browser.get("data:text/html,<p>hello</p>");
                System.out.println("READY pid=0 dir=none");
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
