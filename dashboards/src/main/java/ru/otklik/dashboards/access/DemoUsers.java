package ru.otklik.dashboards.access;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;

/**
 * Writes a demo users file: {@code federal}, {@code admin}, {@code region-<CODE>} per region and {@code office-<CODE>}
 * per office, all with one password.
 * <p>
 * {@code java -cp otklik-dashboards.jar ru.otklik.dashboards.access.DemoUsers <file> [password]}: without a
 * password a random one is generated and printed as {@code PASSWORD=<value>} on its own line.
 */
public final class DemoUsers {

    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private DemoUsers() {
    }

    public static List<UserEntry> entries(OfficeDirectory directory, String password, int iterations) {
        List<UserEntry> users = new ArrayList<>();
        users.add(entry("federal", Role.FEDERAL, null, password, iterations));
        users.add(entry("admin", Role.ADMIN, null, password, iterations));
        directory.regions().keySet().forEach(r -> users.add(entry("region-" + r, Role.REGION, r, password, iterations)));
        for (Office office : directory.offices()) {
            users.add(entry("office-" + office.code(), Role.OFFICE, office.code(), password, iterations));
        }
        return users;
    }

    public static void write(Path file, OfficeDirectory directory, String password, int iterations) {
        UsersFile.write(file, entries(directory, password, iterations));
    }

    private static UserEntry entry(String username, Role role, String scope, String password, int iterations) {
        PasswordHash hash = PasswordHash.create(password, iterations);
        return new UserEntry(username, role.code(), scope, hash.salt(), hash.hash(), hash.iterations());
    }

    public static String randomPassword() {
        SecureRandom random = new SecureRandom();
        return IntStream.range(0, 16).mapToObj(i -> String.valueOf(ALPHABET.charAt(random.nextInt(ALPHABET.length()))))
                .reduce("", String::concat);
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: DemoUsers <users.json> [password]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        boolean generated = args.length == 1;
        String password = generated ? randomPassword() : args[1];
        OfficeDirectory directory = OfficeDirectory.pilot();
        write(file, directory, password, PasswordHash.DEFAULT_ITERATIONS);
        System.out.println("demo users written to " + file.toAbsolutePath() + ": federal, admin, region-<CODE> x"
                + directory.regions().size() + ", office-<CODE> x" + directory.offices().size());
        if (generated) {
            System.out.println("PASSWORD=" + password);
        }
    }
}
