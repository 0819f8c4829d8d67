package org.civicloop.cases;

import java.util.List;
import org.civicloop.shared.GeoPoint;

/**
 * What staff decide when they open a case from residents' messages. Without a department, the
 * case goes to the department that owns the service.
 */
public record OpenCase(
        String serviceCode,
        CasePriority priority,
        String title,
        String description,
        String address,
        GeoPoint location,
        List<ReportingMessage> reporters,
        String departmentCode) {

    /** A case for the department that owns the service. */
    public OpenCase(
            String serviceCode,
            CasePriority priority,
            String title,
            String description,
            String address,
            GeoPoint location,
            List<ReportingMessage> reporters) {
        this(serviceCode, priority, title, description, address, location, reporters, null);
    }

    public OpenCase {
        departmentCode = departmentCode == null || departmentCode.isBlank() ? null : departmentCode;
        reporters = reporters == null ? List.of() : List.copyOf(reporters);
        priority = priority == null ? CasePriority.NORMAL : priority;
        description = description == null ? "" : description;
    }

    /** A message that reports the case, and the channel it came on. */
    public record ReportingMessage(org.civicloop.shared.MessageId messageId, String channel) {}
}
