package ru.otklik.infra.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One migration file {@code V<version>__<name>.sql}; the checksum is SHA-256 of its text. */
record Migration(int version, String name, String fileName, String sql) {

    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

    static boolean isMigrationFile(String fileName) {
        return FILE_NAME.matcher(fileName).matches();
    }

    static Migration of(String fileName, String sql) {
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a migration file name (V<n>__<name>.sql): " + fileName);
        }
        return new Migration(Integer.parseInt(m.group(1)), m.group(2), fileName, sql);
    }

    String checksum() {
        try {
            // line endings normalized: a checkout with CRLF is still the same migration
            byte[] bytes = sql.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> statements() {
        return SqlScript.statements(sql);
    }
}
