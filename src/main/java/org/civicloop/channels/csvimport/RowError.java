package org.civicloop.channels.csvimport;

/**
 * Why one row was not imported. {@code row} counts as a spreadsheet does: the header is row 1, the
 * first data row 2 (a quoted value spanning several lines is still one row).
 */
public record RowError(long row, String column, String reason) {}
