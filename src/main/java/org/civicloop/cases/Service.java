package org.civicloop.cases;

/** Something residents can ask the city for, owned by a department, with its service-level targets. */
public record Service(
        String code,
        String name,
        String description,
        String departmentCode,
        int acknowledgeHours,
        int resolveHours,
        String keywords) {}
