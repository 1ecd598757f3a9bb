package ru.otklik.dashboards.assessment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import ru.otklik.common.office.OfficeDirectory;

/**
 * An organisation's structure as imported (domain §5: employees, departments, managers), checked as a whole:
 * every problem is reported by row and column, and a file with any problem yields no structure at all.
 *
 * <p>Columns (header names, any case): {@code employee_id}, {@code full_name}, {@code department_id},
 * {@code department_name} are required; {@code parent_department_id}, {@code office_code}, {@code manager_id},
 * {@code email}, {@code position} are optional.
 */
public record OrgStructure(List<Department> departments, List<Employee> employees) {

    public record Department(String departmentId, String name, String parentId, String officeCode) {
    }

    public record Employee(String employeeId, String fullName, String email, String position, String departmentId,
                           String managerId) {
    }

    public static final List<String> REQUIRED = List.of("employee_id", "full_name", "department_id", "department_name");
    private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}_./-]{1,100}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,200}@[^@\\s]+\\.[^@\\s]{2,}");

    public static OrgStructure parse(TabularFile file, OfficeDirectory offices) {
        file.require(REQUIRED);
        List<ImportProblem> problems = new ArrayList<>();
        Map<String, Department> departments = new LinkedHashMap<>();
        Map<String, Integer> departmentRow = new HashMap<>();
        Map<String, Employee> employees = new LinkedHashMap<>();
        Map<String, Integer> employeeRow = new HashMap<>();
        Set<String> named = new HashSet<>(); // every employee id of the file, also of rows with problems
        List<String[]> managerRefs = new ArrayList<>(); // row, manager id: checked against all ids at the end
        for (TabularFile.Line line : file.lines()) {
            int row = line.row();
            String id = line.get("employee_id");
            String name = line.get("full_name");
            String dept = line.get("department_id");
            String deptName = line.get("department_name");
            String parent = line.get("parent_department_id");
            String office = line.get("office_code");
            String manager = line.get("manager_id");
            String email = line.get("email");
            String position = line.get("position");
            int before = problems.size();
            named.add(id);
            id(problems, row, "employee_id", id, true);
            text(problems, row, "full_name", name, 300);
            id(problems, row, "department_id", dept, true);
            text(problems, row, "department_name", deptName, 300);
            id(problems, row, "parent_department_id", parent, false);
            if (id(problems, row, "manager_id", manager, false)) {
                managerRefs.add(new String[]{String.valueOf(row), manager});
            }
            if (!email.isEmpty() && !EMAIL.matcher(email).matches()) {
                problems.add(new ImportProblem(row, "email", "not an e-mail address"));
            }
            if (position.length() > 300) {
                problems.add(new ImportProblem(row, "position", "at most 300 characters"));
            }
            if (!office.isEmpty() && offices.office(office).isEmpty()) {
                problems.add(new ImportProblem(row, "office_code", "unknown office " + office));
            }
            if (!id.isEmpty() && id.equals(manager)) {
                problems.add(new ImportProblem(row, "manager_id", "an employee cannot be their own manager"));
            }
            if (!dept.isEmpty() && dept.equals(parent)) {
                problems.add(new ImportProblem(row, "parent_department_id", "a department cannot be its own parent"));
            }
            if (employeeRow.containsKey(id)) {
                problems.add(new ImportProblem(row, "employee_id", "also on row " + employeeRow.get(id)));
            }
            if (problems.size() > before) {
                continue;
            }
            Department d = new Department(dept, deptName, blankToNull(parent), blankToNull(office));
            Department earlier = departments.putIfAbsent(dept, d);
            if (earlier != null && !earlier.equals(d)) {
                String column = !earlier.name().equals(d.name()) ? "department_name"
                        : !java.util.Objects.equals(earlier.parentId(), d.parentId()) ? "parent_department_id" : "office_code";
                problems.add(new ImportProblem(row, column, "differs from row " + departmentRow.get(dept)
                        + " for department " + dept));
            }
            departmentRow.putIfAbsent(dept, row);
            employees.put(id, new Employee(id, name, blankToNull(email), blankToNull(position), dept, blankToNull(manager)));
            employeeRow.put(id, row);
        }
        if (file.lines().isEmpty()) {
            problems.add(new ImportProblem(0, "", "the file has no employees"));
        }
        for (Department d : departments.values()) {
            if (d.parentId() != null && !departments.containsKey(d.parentId())) {
                problems.add(new ImportProblem(departmentRow.get(d.departmentId()), "parent_department_id",
                        "unknown department " + d.parentId()));
            }
        }
        for (String[] ref : managerRefs) {
            if (!named.contains(ref[1])) {
                problems.add(new ImportProblem(Integer.parseInt(ref[0]), "manager_id", "unknown employee " + ref[1]));
            }
        }
        if (problems.isEmpty()) {
            cycles(problems, departments, Department::parentId, departmentRow, "parent_department_id", "departments");
            cycles(problems, employees, Employee::managerId, employeeRow, "manager_id", "managers");
        }
        if (!problems.isEmpty()) {
            problems.sort(java.util.Comparator.comparingInt(ImportProblem::row));
            throw new ImportRefused(problems);
        }
        return new OrgStructure(List.copyOf(departments.values()), List.copyOf(employees.values()));
    }

    /** Each chain of parents (managers) must end: a cycle is reported once, at its first row. */
    private static <T> void cycles(List<ImportProblem> problems, Map<String, T> byId,
                                   java.util.function.Function<T, String> up, Map<String, Integer> rows,
                                   String column, String what) {
        Set<String> reported = new HashSet<>();
        for (String start : byId.keySet()) {
            Set<String> seen = new HashSet<>();
            String at = start;
            while (at != null && seen.add(at)) {
                at = up.apply(byId.get(at));
            }
            if (at != null && reported.add(at)) {
                problems.add(new ImportProblem(rows.get(at), column, "the " + what + " form a cycle through " + at));
                reported.addAll(seen);
            }
        }
    }

    /** Whether a valid id was given (a missing optional one is no problem, but not an id either). */
    private static boolean id(List<ImportProblem> problems, int row, String column, String value, boolean required) {
        if (value.isEmpty()) {
            if (required) {
                problems.add(new ImportProblem(row, column, "required"));
            }
            return false;
        }
        if (!ID.matcher(value).matches()) {
            problems.add(new ImportProblem(row, column, "1-100 letters, digits or _ . / -"));
            return false;
        }
        return true;
    }

    private static void text(List<ImportProblem> problems, int row, String column, String value, int max) {
        if (value.isEmpty()) {
            problems.add(new ImportProblem(row, column, "required"));
        } else if (value.length() > max) {
            problems.add(new ImportProblem(row, column, "at most " + max + " characters"));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
