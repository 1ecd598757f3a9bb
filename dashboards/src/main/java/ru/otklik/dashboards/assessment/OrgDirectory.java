package ru.otklik.dashboards.assessment;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import ru.otklik.dashboards.store.Transactions;

/**
 * The organisation structure in the operational store. An import replaces it in one transaction: departments
 * and employees of the file are written (an employee keeps the pseudonym they had), employees missing from the
 * file are kept but marked inactive (past sessions still name them). Every statement is parameterised.
 */
public final class OrgDirectory {

    /** An employee as the 360 pages show them (names stay in this store, never in events). */
    public record Person(String employeeId, String pseudonym, String fullName, String email, String position,
                         String departmentId, String managerId, boolean active) {
    }

    /** What an import changed. */
    public record Imported(int departments, int employees, int added, int deactivated) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PERSON = "employee_id, pseudonym, full_name, email, position, department_id, manager_id, active";

    private final DataSource store;

    public OrgDirectory(DataSource store) {
        this.store = store;
    }

    public Imported replace(OrgStructure structure) {
        return Transactions.inTransaction(store, "importing the structure", c -> {
            try (var lock = c.createStatement()) {
                lock.execute("LOCK TABLE org_departments, org_employees IN EXCLUSIVE MODE"); // one import at a time
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO org_departments (department_id, name, office_code)"
                    + " VALUES (?, ?, ?) ON CONFLICT (department_id) DO UPDATE SET name = EXCLUDED.name,"
                    + " office_code = EXCLUDED.office_code")) {
                for (OrgStructure.Department d : structure.departments()) {
                    st.setString(1, d.departmentId());
                    st.setString(2, d.name());
                    st.setString(3, d.officeCode());
                    st.addBatch();
                }
                st.executeBatch();
            }
            // parents after every department exists (the file's order is free)
            try (PreparedStatement st = c.prepareStatement("UPDATE org_departments SET parent_id = ? WHERE department_id = ?")) {
                for (OrgStructure.Department d : structure.departments()) {
                    st.setString(1, d.parentId());
                    st.setString(2, d.departmentId());
                    st.addBatch();
                }
                st.executeBatch();
            }
            int before = count(c, "SELECT count(*) FROM org_employees");
            try (PreparedStatement st = c.prepareStatement("INSERT INTO org_employees (employee_id, pseudonym, full_name,"
                    + " email, position, department_id, manager_id, active, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, true, now())"
                    + " ON CONFLICT (employee_id) DO UPDATE SET full_name = EXCLUDED.full_name, email = EXCLUDED.email,"
                    + " position = EXCLUDED.position, department_id = EXCLUDED.department_id,"
                    + " manager_id = EXCLUDED.manager_id, active = true, imported_at = now()")) {
                for (OrgStructure.Employee e : structure.employees()) {
                    st.setString(1, e.employeeId());
                    st.setString(2, newPseudonym());
                    st.setString(3, e.fullName());
                    st.setString(4, e.email());
                    st.setString(5, e.position());
                    st.setString(6, e.departmentId());
                    st.setString(7, e.managerId());
                    st.addBatch();
                }
                st.executeBatch();
            }
            int added = count(c, "SELECT count(*) FROM org_employees") - before;
            int deactivated;
            try (PreparedStatement st = c.prepareStatement("UPDATE org_employees SET active = false, manager_id = NULL"
                    + " WHERE active AND NOT (employee_id = ANY (?))")) {
                st.setArray(1, c.createArrayOf("text",
                        structure.employees().stream().map(OrgStructure.Employee::employeeId).toArray()));
                deactivated = st.executeUpdate();
            }
            return new Imported(structure.departments().size(), structure.employees().size(), added, deactivated);
        });
    }

    public List<Person> activeEmployees() {
        return people("SELECT " + PERSON + " FROM org_employees WHERE active ORDER BY full_name, employee_id", null);
    }

    public Optional<Person> employee(String employeeId) {
        return people("SELECT " + PERSON + " FROM org_employees WHERE employee_id = ?", employeeId).stream().findFirst();
    }

    /** The employee and everyone below them, through every lower level of management. */
    public List<String> subtree(String employeeId) {
        return Transactions.inTransaction(store, "reading the structure", c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("WITH RECURSIVE below AS (SELECT employee_id FROM org_employees"
                    + " WHERE employee_id = ? UNION SELECT e.employee_id FROM org_employees e JOIN below b"
                    + " ON e.manager_id = b.employee_id) SELECT employee_id FROM below")) {
                st.setString(1, employeeId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        });
    }

    private List<Person> people(String sql, String parameter) {
        return Transactions.inTransaction(store, "reading the structure", c -> {
            List<Person> all = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(sql)) {
                if (parameter != null) {
                    st.setString(1, parameter);
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        all.add(new Person(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8)));
                    }
                }
            }
            return all;
        });
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String newPseudonym() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return "e" + HexFormat.of().formatHex(b);
    }
}
