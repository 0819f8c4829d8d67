package org.civicloop.identity;

import java.util.Set;

public record NewStaffUser(
        String username, String displayName, String password, Set<StaffRole> roles, String departmentCode) {}
