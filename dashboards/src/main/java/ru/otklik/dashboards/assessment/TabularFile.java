package ru.otklik.dashboards.assessment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A spreadsheet as HR exports it: CSV (UTF-8 with or without BOM; comma or semicolon, as Russian Excel writes
 * it) or XLSX (its first sheet). The first row holds the column names (case and surrounding spaces ignored);
 * empty rows are skipped. Cells are read as the user sees them (a personnel number 00123 stays 00123).
 */
public record TabularFile(List<String> columns, List<Line> lines) {

    /** The largest file accepted: a whole organisation's structure is far smaller. */
    public static final int MAX_BYTES = 5 * 1024 * 1024;
    public static final int MAX_ROWS = 50_000;

    /** A data row: its 1-based row number in the file and its cells by column name. */
    public record Line(int row, Map<String, String> cells) {
        public String get(String column) {
            String v = cells.get(column);
            return v == null ? "" : v.strip();
        }
    }

    public static TabularFile read(String fileName, byte[] bytes) {
        if (bytes.length == 0) {
            throw ImportRefused.of("the file is empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw ImportRefused.of("the file is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
        }
        boolean zip = bytes.length > 3 && bytes[0] == 'P' && bytes[1] == 'K';
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (zip || name.endsWith(".xlsx")) {
            return xlsx(bytes);
        }
        return csv(bytes);
    }

    private static TabularFile csv(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ImportRefused.of("the CSV file is not UTF-8 (save it as \"CSV UTF-8\")");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String firstLine = text.lines().findFirst().orElse("");
        char delimiter = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
        List<List<String>> rows = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord r : parser) {
                List<String> cells = new ArrayList<>();
                r.forEach(cells::add);
                rows.add(cells);
                numbers.add((int) r.getRecordNumber());
                if (rows.size() > MAX_ROWS + 1) {
                    throw ImportRefused.of("more than " + MAX_ROWS + " rows");
                }
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw ImportRefused.of("the CSV file cannot be read: " + e.getMessage());
        }
        return table(rows, numbers);
    }

    private static TabularFile xlsx(byte[] bytes) {
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        List<List<String>> rows = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            if (book.getNumberOfSheets() == 0) {
                throw ImportRefused.of("the workbook has no sheet");
            }
            Sheet sheet = book.getSheetAt(0);
            for (Row row : sheet) {
                if (rows.size() > MAX_ROWS + 1) {
                    throw ImportRefused.of("more than " + MAX_ROWS + " rows");
                }
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                    Cell cell = row.getCell(c);
                    cells.add(cell == null ? "" : formatter.formatCellValue(cell));
                }
                if (cells.stream().allMatch(String::isBlank)) {
                    continue;
                }
                rows.add(cells);
                numbers.add(row.getRowNum() + 1);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImportRefused refused) {
                throw refused;
            }
            throw ImportRefused.of("the XLSX file cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return table(rows, numbers);
    }

    private static TabularFile table(List<List<String>> rows, List<Integer> numbers) {
        if (rows.isEmpty()) {
            throw ImportRefused.of("the file has no header row");
        }
        List<String> header = rows.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        List<ImportProblem> problems = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (!header.get(i).isEmpty() && header.indexOf(header.get(i)) != i) {
                problems.add(new ImportProblem(numbers.get(0), header.get(i), "the column appears twice"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ImportRefused(problems);
        }
        List<Line> lines = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> cells = rows.get(r);
            if (cells.stream().allMatch(String::isBlank)) {
                continue;
            }
            Map<String, String> byName = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                if (!header.get(c).isEmpty()) {
                    byName.put(header.get(c), c < cells.size() ? cells.get(c) : "");
                }
            }
            lines.add(new Line(numbers.get(r), byName));
        }
        return new TabularFile(header.stream().filter(h -> !h.isEmpty()).toList(), lines);
    }

    /** Refuses the file unless it has every required column. */
    public void require(List<String> required) {
        List<ImportProblem> missing = required.stream().filter(c -> !columns.contains(c))
                .map(c -> new ImportProblem(1, c, "required column is missing")).toList();
        if (!missing.isEmpty()) {
            throw new ImportRefused(missing);
        }
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(ch -> ch == c).count();
    }
}
