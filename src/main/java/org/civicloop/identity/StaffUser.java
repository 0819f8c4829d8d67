package org.civicloop.identity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

public record StaffUser(
        UUID id,
        String username,
        String displayName,
        Set<StaffRole> roles,
        String departmentCode,
        boolean enabled,
        Instant createdAt) {}
