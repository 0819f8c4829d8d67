package org.civicloop.triage;

/**
 * Where a piece of personal data was in a message's text: its type ({@code email}, {@code phone},
 * {@code card}, {@code ssn}, {@code itin}, {@code iban}, {@code date_of_birth}) and its span
 * ({@code start} inclusive, {@code end} exclusive, UTF-16 offsets into the original text). The
 * value itself is never kept here.
 */
public record PersonalData(String type, int start, int end) {}
