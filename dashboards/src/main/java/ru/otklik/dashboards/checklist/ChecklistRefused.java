package ru.otklik.dashboards.checklist;

/** A request the checklists refuse: the HTTP status, a code, and the field and rule it broke (422) or why (403/404/409). */
public final class ChecklistRefused extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;

    public ChecklistRefused(int status, String code, String field, String message) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public static ChecklistRefused invalid(String field, String rule, String message) {
        return new ChecklistRefused(422, rule, field, field + ": " + message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The field the rule is about (null when not about one). */
    public String field() {
        return field;
    }
}
