package org.civicloop.console;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What an agent decides when turning a message into a case. */
public class OpenCaseForm {
    @NotBlank(message = "{console.error.service}")
    @Size(max = 64)
    private String serviceCode;

    @NotBlank
    @Pattern(regexp = "low|normal|high|urgent", message = "{console.error.priority}")
    private String priority = "normal";

    @NotBlank(message = "{console.error.title}")
    @Size(max = 200, message = "{console.error.title}")
    private String title;

    @Size(max = 200)
    private String address;

    /** Empty: the department that owns the service. */
    @Size(max = 64)
    private String departmentCode;

    public String getDepartmentCode() {
        return departmentCode;
    }

    public void setDepartmentCode(String departmentCode) {
        this.departmentCode = departmentCode;
    }

    public String getServiceCode() {
        return serviceCode;
    }

    public void setServiceCode(String serviceCode) {
        this.serviceCode = serviceCode;
    }

    public String getPriority() {
        return priority;
    }

    public void setPriority(String priority) {
        this.priority = priority;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }
}
