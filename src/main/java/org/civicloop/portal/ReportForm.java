package org.civicloop.portal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** What a resident fills in on the public report form. */
public class ReportForm {

    public static final int MAX_TEXT = 5000;

    /** Identifies this filled-in form, so that submitting it twice stores one message. */
    @NotBlank
    @Pattern(regexp = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", message = "{report.error.form}")
    private String submissionId = UUID.randomUUID().toString();

    @NotBlank(message = "{report.error.text.required}")
    @Size(max = MAX_TEXT, message = "{report.error.text.size}")
    private String text;

    @Size(max = 200, message = "{report.error.address.size}")
    private String address;

    @DecimalMin(value = "-90", message = "{report.error.location}")
    @DecimalMax(value = "90", message = "{report.error.location}")
    private Double latitude;

    @DecimalMin(value = "-180", message = "{report.error.location}")
    @DecimalMax(value = "180", message = "{report.error.location}")
    private Double longitude;

    @Email(message = "{report.error.email}")
    @Size(max = 254, message = "{report.error.email}")
    private String email;

    @Pattern(regexp = "^$|^[+0-9 ().-]{7,25}$", message = "{report.error.phone}")
    private String phone;

    public String getSubmissionId() {
        return submissionId;
    }

    public void setSubmissionId(String submissionId) {
        this.submissionId = submissionId;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public Double getLatitude() {
        return latitude;
    }

    public void setLatitude(Double latitude) {
        this.latitude = latitude;
    }

    public Double getLongitude() {
        return longitude;
    }

    public void setLongitude(Double longitude) {
        this.longitude = longitude;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }
}
