package ru.otklik.dashboards.assessment;

/**
 * One reason an imported file was refused: where (the row as the user's spreadsheet numbers it, the header
 * being row 1; the column's header name) and which rule. A file with any problem imports nothing.
 *
 * @param row    1-based row of the file; 0 for the file as a whole
 * @param column the column's header, or {@code ""} for the whole row or file
 */
public record ImportProblem(int row, String column, String rule) {
}
