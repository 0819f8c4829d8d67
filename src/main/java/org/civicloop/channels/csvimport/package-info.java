/**
 * Importing resident messages from CSV files (phone logs, counter visits, exports of other
 * systems): a column mapping, validation of every row with a reason for each invalid one, and one
 * transaction for the valid rows. Used by the {@code civicloop import csv} command and the
 * console's import page.
 */
@org.springframework.modulith.NamedInterface("csvimport")
package org.civicloop.channels.csvimport;
