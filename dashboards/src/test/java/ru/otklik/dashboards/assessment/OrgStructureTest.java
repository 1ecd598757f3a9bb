package ru.otklik.dashboards.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import ru.otklik.common.office.OfficeDirectory;

class OrgStructureTest {

    private static final OfficeDirectory OFFICES = OfficeDirectory.pilot();
    static final String HEADER = "employee_id;full_name;department_id;department_name;parent_department_id;manager_id;email;office_code";

    static byte[] csv(String... rows) {
        return ("\uFEFF" + HEADER + "\n" + String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** An XLSX workbook with the given rows (first = header), as Excel would save it. */
    static byte[] xlsx(List<List<Object>> rows) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("Сотрудники");
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    Object v = rows.get(r).get(c);
                    if (v instanceof Number n) {
                        row.createCell(c).setCellValue(n.doubleValue());
                    } else if (v != null) {
                        row.createCell(c).setCellValue(v.toString());
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCsvWithBomAndSemicolonsReadsAsExcelWroteIt() {
        OrgStructure s = OrgStructure.parse(TabularFile.read("staff.csv", csv(
                "E1;Иванова Анна;D1;Центр занятости;;;anna@example.org;BRY-01",
                "E2;Петров Пётр;D2;Отдел выплат;D1;E1;;",
                "E3;\"Сидоров, Иван\";D2;Отдел выплат;D1;E2;;")), OFFICES);
        assertEquals(3, s.employees().size());
        assertEquals(2, s.departments().size());
        assertEquals("Сидоров, Иван", s.employees().get(2).fullName());
        assertEquals("E2", s.employees().get(2).managerId());
        assertEquals("D1", s.departments().get(1).parentId());
    }

    @Test
    void everyProblemIsReportedByRowAndColumnAndNothingIsReturned() {
        ImportRefused e = assertThrows(ImportRefused.class, () -> OrgStructure.parse(TabularFile.read("x.csv", csv(
                "E1;Иванова Анна;D1;Центр;;;;",
                "E2;;D1;Центр;;E9;not-an-email;",
                "E1;Дубль;D1;Другой центр;;;;XXX-99",
                "E4;Кто-то;D3;Отдел;D7;;;")), OFFICES));
        List<ImportProblem> p = e.problems();
        assertTrue(p.contains(new ImportProblem(3, "full_name", "required")), p.toString());
        assertTrue(p.contains(new ImportProblem(3, "email", "not an e-mail address")), p.toString());
        assertTrue(p.contains(new ImportProblem(4, "employee_id", "also on row 2")), p.toString());
        assertTrue(p.contains(new ImportProblem(4, "office_code", "unknown office XXX-99")), p.toString());
        assertTrue(p.contains(new ImportProblem(5, "parent_department_id", "unknown department D7")), p.toString());
        // rows are numbered as the spreadsheet shows them: the header is row 1
        assertEquals(3, p.get(0).row());
    }

    @Test
    void aManagerCycleAndAnUnknownManagerAreRefused() {
        ImportRefused unknown = assertThrows(ImportRefused.class, () -> OrgStructure.parse(TabularFile.read("x.csv", csv(
                "E1;А;D1;Центр;;E5;;")), OFFICES));
        assertEquals(List.of(new ImportProblem(2, "manager_id", "unknown employee E5")), unknown.problems());
        ImportRefused cycle = assertThrows(ImportRefused.class, () -> OrgStructure.parse(TabularFile.read("x.csv", csv(
                "E1;А;D1;Центр;;E3;;", "E2;Б;D1;Центр;;E1;;", "E3;В;D1;Центр;;E2;;")), OFFICES));
        assertEquals(1, cycle.problems().size(), cycle.problems().toString());
        assertTrue(cycle.problems().get(0).rule().contains("cycle"));
        assertEquals("manager_id", cycle.problems().get(0).column());
    }

    @Test
    void aMissingColumnAndADepartmentThatDisagreesWithItselfAreRefused() {
        ImportRefused missing = assertThrows(ImportRefused.class, () -> OrgStructure.parse(TabularFile.read("x.csv",
                "employee_id,full_name\nE1,А\n".getBytes(StandardCharsets.UTF_8)), OFFICES));
        assertEquals(List.of(new ImportProblem(1, "department_id", "required column is missing"),
                new ImportProblem(1, "department_name", "required column is missing")), missing.problems());
        ImportRefused differs = assertThrows(ImportRefused.class, () -> OrgStructure.parse(TabularFile.read("x.csv", csv(
                "E1;А;D1;Центр;;;;", "E2;Б;D1;Центр занятости;;;;")), OFFICES));
        assertEquals(List.of(new ImportProblem(3, "department_name", "differs from row 2 for department D1")),
                differs.problems());
    }

    @Test
    void anXlsxWorkbookReadsItsFirstSheetWithNumbersAsShown() {
        byte[] book = xlsx(List.of(
                List.of("Employee_ID", "Full_Name", "Department_ID", "Department_Name", "Manager_ID"),
                List.of(1001, "Иванова Анна", "D1", "Центр занятости", ""),
                List.of(),
                List.of(1002, "Петров Пётр", "D1", "Центр занятости", 1001)));
        OrgStructure s = OrgStructure.parse(TabularFile.read(null, book), OFFICES);
        assertEquals(List.of("1001", "1002"), s.employees().stream().map(OrgStructure.Employee::employeeId).toList());
        assertEquals("1001", s.employees().get(1).managerId());
        ImportRefused e = assertThrows(ImportRefused.class, () -> OrgStructure.parse(TabularFile.read("s.xlsx", xlsx(List.of(
                List.of("employee_id", "full_name", "department_id", "department_name"),
                List.of(1001, "А", "D1", "Ц"),
                List.of(1003, "", "D1", "Ц")))), OFFICES));
        assertEquals(List.of(new ImportProblem(3, "full_name", "required")), e.problems());
    }

    @Test
    void aFileThatIsNotUtf8OrNotAWorkbookIsRefusedAsAWhole() {
        byte[] cp1251 = HEADER.replace("employee_id", "\u0442\u0430\u0431").getBytes(java.nio.charset.Charset.forName("windows-1251"));
        ImportRefused e = assertThrows(ImportRefused.class, () -> TabularFile.read("x.csv", cp1251));
        assertTrue(e.problems().get(0).rule().contains("UTF-8"), e.problems().toString());
        ImportRefused zip = assertThrows(ImportRefused.class, () -> TabularFile.read("x.xlsx", "PK\u0003\u0004garbage".getBytes(StandardCharsets.ISO_8859_1)));
        assertTrue(zip.problems().get(0).rule().contains("XLSX"), zip.problems().toString());
    }
}
