package org.civicloop.cases;

/** What staff want to see in a list of cases; null fields do not filter. */
public record CaseFilter(CaseStatus status, boolean openOnly, String departmentCode, String text) {
    public CaseFilter {
        text = text == null || text.isBlank() ? null : text.strip();
        departmentCode = departmentCode == null || departmentCode.isBlank() ? null : departmentCode;
    }

    public static CaseFilter all() {
        return new CaseFilter(null, false, null, null);
    }
}
