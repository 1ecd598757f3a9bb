package ru.otklik.kiosk.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import ru.otklik.common.config.Settings;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.kiosk.KioskDevices;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.kiosk.simulator.fleet.DeviceFleet;
import ru.otklik.kiosk.simulator.report.SimulationSummary;
import ru.otklik.kiosk.simulator.scenario.ScenarioKind;

/**
 * Command line of the load simulator: {@code devices} writes a kiosk registry file; {@code run}
 * (the default) drives ingest. Exit status: 0 all events accepted, 1 some rejected or given up,
 * 2 bad usage.
 */
public final class SimulatorMain {

    static final String USAGE = """
            usage:
              java -jar otklik-kiosk-client.jar devices --kiosks N --out FILE
              java -jar otklik-kiosk-client.jar office-networks   (OTKLIK_OFFICE_NETWORKS of the simulated offices)
              java -jar otklik-kiosk-client.jar checklists --dashboards URL   (the demo's checklists of this quarter,
                    filled in by each office and reviewed by 'federal'; the users' password in OTKLIK_DEMO_PASSWORD)
              java -jar otklik-kiosk-client.jar [run] [options]

            run options:
              --ingest URL          ingest base URL (default http://127.0.0.1:8080)
              --devices FILE        kiosk registry written by 'devices' (the one ingest loads)
              --kiosks N            use the first N devices of the file (default: all of them)
              --respondents M       virtual online respondents, spread over the 26 offices (default 100)
              --duration D          run time: 60s, 5m, 1h, 500ms; 0 = until Ctrl-C (default 60s)
              --responses K         stop after exactly K forms   } either of these replaces --duration;
              --taps T              stop after exactly T taps     } the other one then counts as 0
              --rate R              events (forms + taps) per second; 0 = as fast as ingest takes them (default 0)
              --day-shape           multiply the rate by the weekday x hour shape (peak = R; Moscow time);
                                    normal-month applies that shape to its simulated clock instead
              --seed S              seed of every random choice (default 1)
              --run-id ID           prefix of response and tap ids, 6-40 of [A-Za-z0-9_-] (default: random)
              --scenario NAME       (default normal; effects from 30 % of the run)
                                    normal           all offices as drawn from the seed
                                    quality-drop     one office (default the best) falls at once
                                    slow-decline     the same fall, little by little to the end
                                    fraud-burst      30-60 %: staff of a weak office enter varied top-score
                                                     fakes from the office network, steadily
                                    silent-kiosk     one kiosk stops for good
                                    kiosk-unplugged  one kiosk is off from 30 % to 60 %, then works again
                                    normal-month     all normal, event times walk the last 30 days to now
                                                     (weekday x hour shape in each office's local time)
              --target-office CODE  office the scenario is about (default: the scenario's choice)
              --max-in-flight N     concurrent requests (default 64)
              --progress MODE       auto | bar | lines | off (default auto: bar on a terminal)
              --summary-out FILE    write the run summary as JSON
            """;

    private static final Set<String> FLAGS = Set.of("--day-shape");

    private SimulatorMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> list = new ArrayList<>(List.of(args));
        String command = !list.isEmpty() && !list.get(0).startsWith("-") ? list.remove(0) : "run";
        try {
            Map<String, String> options = options(list);
            if (options.containsKey("--help")) {
                out.print(USAGE);
                return 0;
            }
            return switch (command) {
                case "devices" -> devices(options, err);
                case "office-networks" -> {
                    out.println(ru.otklik.kiosk.simulator.population.Sender.officeNetworks(
                            OfficeDirectory.pilot().offices()));
                    yield 0;
                }
                case "checklists" -> checklists(options, out);
                case "run" -> load(options, out, err);
                case "help" -> {
                    out.print(USAGE);
                    yield 0;
                }
                default -> throw new UsageException("unknown command '" + command + "'");
            };
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (IOException e) {
            err.println("error: " + e);
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static int devices(Map<String, String> o, PrintStream err) throws IOException {
        known(o, "--kiosks", "--out");
        int n = intOption(o, "--kiosks", -1);
        String out = o.get("--out");
        if (n < 1 || out == null) {
            throw new UsageException("devices needs --kiosks N (>= 1) and --out FILE");
        }
        KioskDevices devices = DeviceFleet.create(List.copyOf(OfficeDirectory.pilot().offices()), n);
        DeviceFleet.write(devices, Path.of(out));
        err.printf(Locale.ROOT, "wrote %d kiosks over %d offices to %s%n", n,
                Math.min(n, OfficeDirectory.pilot().offices().size()), out);
        return 0;
    }

    private static int checklists(Map<String, String> o, PrintStream out) throws IOException, InterruptedException {
        known(o, "--dashboards");
        String url = o.get("--dashboards");
        String password = System.getenv("OTKLIK_DEMO_PASSWORD");
        if (url == null || password == null || password.isBlank()) {
            throw new UsageException("checklists needs --dashboards URL and the users' password in OTKLIK_DEMO_PASSWORD");
        }
        var outcome = new ru.otklik.kiosk.simulator.checklist.DemoChecklists(java.net.URI.create(url), password)
                .run(ru.otklik.kiosk.simulator.checklist.DemoChecklists.today(), out);
        out.printf(Locale.ROOT, "    %d checklists submitted, %d entries reviewed, %d already there%n",
                outcome.submitted(), outcome.reviewed(), outcome.alreadyThere());
        return 0;
    }

    private static int load(Map<String, String> o, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        known(o, "--ingest", "--devices", "--kiosks", "--respondents", "--duration", "--responses", "--taps", "--rate",
                "--day-shape", "--seed", "--run-id", "--scenario", "--target-office", "--max-in-flight", "--progress",
                "--summary-out");
        SimulatorConfig config = config(o);
        Simulator simulator = new Simulator(config);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            simulator.stop();
            try {
                finished.await(20, TimeUnit.SECONDS); // let it drain and write the summary
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sim-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            SimulationSummary summary = simulator.run();
            Simulator.print(summary, err);
            if (config.summaryOut() != null) {
                err.println("summary written to " + config.summaryOut());
            }
            var t = summary.totals();
            return t.forms().rejected() + t.forms().failed() + t.taps().rejected() + t.taps().failed() == 0 ? 0 : 1;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running
            }
        }
    }

    /**
     * The run's settings. The command line is the only source (the simulator has no environment
     * variables): its options are read as the settings {@code --name} with the shared {@link Settings}
     * parsers, so a bad value fails naming its option, like every service's settings.
     */
    static SimulatorConfig config(Map<String, String> o) throws IOException {
        Properties given = new Properties();
        given.putAll(o);
        Settings s = Settings.of("simulator", given, Map.of());
        SimulatorConfig.Builder b = SimulatorConfig.builder();
        b.ingest(s.get("--ingest", null, SimulatorConfig.DEFAULT_INGEST.toString(), text -> {
            if (!text.matches("https?://[^\\s?#]+")) {
                throw new IllegalArgumentException("must be the http(s) base URL of ingest");
            }
            return URI.create(text);
        }));
        List<KioskDevice> devices = List.of();
        if (o.containsKey("--devices")) {
            devices = DeviceFleet.read(Path.of(o.get("--devices"))).devices().stream()
                    .filter(d -> !d.revoked()).toList();
        }
        int kiosks = s.integer("--kiosks", null, devices.size(), 0, Integer.MAX_VALUE);
        if (kiosks > devices.size()) {
            throw new UsageException("--kiosks " + kiosks + " but " + (o.containsKey("--devices")
                    ? "the devices file has only " + devices.size() + " usable devices" : "no --devices FILE given"));
        }
        b.devices(devices.subList(0, Math.max(0, kiosks)));
        b.respondents(s.integer("--respondents", null, 100, 0, 1_000_000));
        if (o.containsKey("--responses") || o.containsKey("--taps")) {
            if (o.containsKey("--duration")) {
                throw new UsageException("give either --duration or --responses/--taps");
            }
            b.forms(s.longValue("--responses", null, 0, 0, Long.MAX_VALUE))
                    .taps(s.longValue("--taps", null, 0, 0, Long.MAX_VALUE));
        } else if (o.containsKey("--duration")) {
            b.duration(s.get("--duration", null, "60s", SimulatorMain::duration));
        }
        b.rate(s.get("--rate", null, "0", text -> {
            try {
                double rate = Double.parseDouble(text);
                if (rate >= 0 && !Double.isInfinite(rate)) {
                    return rate;
                }
            } catch (NumberFormatException e) {
                // falls through
            }
            throw new IllegalArgumentException("must be a number of events per second >= 0");
        }));
        b.dayShape(o.containsKey("--day-shape"));
        b.seed(s.longValue("--seed", null, 1, Long.MIN_VALUE, Long.MAX_VALUE));
        s.optional("--run-id", null).ifPresent(b::runId);
        b.scenario(s.get("--scenario", null, ScenarioKind.NORMAL.code(), ScenarioKind::fromCode));
        b.targetOffice(s.optional("--target-office", null).orElse(null));
        b.maxInFlight(s.integer("--max-in-flight", null, 64, 1, 100_000));
        b.progress(s.choice("--progress", null, SimulatorConfig.Progress.AUTO, SimulatorConfig.Progress.class));
        s.optional("--summary-out", null).map(Path::of).ifPresent(b::summaryOut);
        return b.build();
    }

    /** "60s", "5m", "1h", "500ms", "90" (seconds), or ISO-8601 "PT1M". */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            char unit = t.charAt(t.length() - 1);
            if (Character.isDigit(unit)) {
                return Duration.ofSeconds(Long.parseLong(t));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (unit) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new UsageException("bad duration '" + text + "' (e.g. 60s, 5m, 1h)");
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new UsageException("bad duration '" + text + "' (e.g. 60s, 5m, 1h)");
        }
    }

    private static Map<String, String> options(List<String> args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-h") || a.equals("--help")) {
                options.put("--help", "");
                continue;
            }
            if (!a.startsWith("--")) {
                throw new UsageException("unexpected argument '" + a + "'");
            }
            int eq = a.indexOf('=');
            if (eq > 0) {
                options.put(a.substring(0, eq), a.substring(eq + 1));
            } else if (FLAGS.contains(a)) {
                options.put(a, "true");
            } else if (i + 1 < args.size()) {
                options.put(a, args.get(++i));
            } else {
                throw new UsageException("option " + a + " needs a value");
            }
        }
        return options;
    }

    private static void known(Map<String, String> o, String... names) {
        Set<String> known = Set.of(names);
        for (String k : o.keySet()) {
            if (!known.contains(k)) {
                throw new UsageException("unknown option " + k);
            }
        }
    }

    private static int intOption(Map<String, String> o, String name, int fallback) {
        return (int) longOption(o, name, fallback);
    }

    private static long longOption(Map<String, String> o, String name, long fallback) {
        String v = o.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a whole number, got '" + v + "'");
        }
    }

    /** A command-line mistake: reported with the usage text, exit status 2. */
    static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }
}
