package ru.otklik.dashboards.methodology;

/** A draft the contract's records refuse: which field (a JSON path) and the rule it breaks. */
public final class InvalidMethodology extends RuntimeException {

    private final String field;

    public InvalidMethodology(String field, String rule) {
        super(rule);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
