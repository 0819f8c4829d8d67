package org.civicloop.portal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.civicloop.cases.CaseManagement;
import org.civicloop.platform.ApiController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/** The public JSON API: report something, follow a report, list what can be requested. */
@ApiController
@RequestMapping("/api/v1")
@io.swagger.v3.oas.annotations.tags.Tag(
        name = "Public",
        description = "Report a problem, follow a report, list services")
class PublicApiController {

    private final WebReports reports;
    private final PublicStatus status;
    private final CaseManagement cases;

    PublicApiController(WebReports reports, PublicStatus status, CaseManagement cases) {
        this.reports = reports;
        this.status = status;
        this.cases = cases;
    }

    record NewReport(
            @Pattern(
                    regexp = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
                    message = "must be a lower-case UUID")
            String submissionId,

            @NotBlank @Size(max = ReportForm.MAX_TEXT) String text,
            @Size(max = 200) String address,
            @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @DecimalMin("-180") @DecimalMax("180") Double longitude,
            @Email @Size(max = 254) String email,
            @Pattern(regexp = "^$|^[+0-9 ().-]{7,25}$") String phone,
            @Pattern(regexp = "en|es") String language) {}

    record Created(String reference, String statusUrl) {}

    @PostMapping("/reports")
    ResponseEntity<Created> report(@Valid @RequestBody NewReport report) {
        if ((report.latitude() == null) != (report.longitude() == null)) {
            throw new IllegalArgumentException("latitude and longitude go together");
        }
        String submission = report.submissionId() == null ? UUID.randomUUID().toString() : report.submissionId();
        var receipt = reports.submit(
                submission,
                report.text(),
                report.address(),
                report.latitude(),
                report.longitude(),
                report.email(),
                report.phone(),
                Locale.forLanguageTag(report.language() == null ? "en" : report.language()),
                null);
        URI location = URI.create("/api/v1/cases/" + receipt.publicReference());
        return ResponseEntity.created(location)
                .body(new Created(receipt.publicReference(), "/cases/" + receipt.publicReference()));
    }

    record StatusStep(Instant at, String status, String note) {}

    record CaseStatusBody(
            String reference,
            String status,
            String open311Status,
            String service,
            String department,
            String address,
            Instant openedAt,
            Instant updatedAt,
            Instant expectedBy,
            List<StatusStep> history) {}

    @GetMapping("/cases/{reference}")
    CaseStatusBody caseStatus(@PathVariable String reference) {
        var view = (reference.length() > 40 ? java.util.Optional.<PublicStatus.View>empty() : status.find(reference))
                .orElseThrow(() -> {
                    ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                            HttpStatus.NOT_FOUND, "No report or case has that reference");
                    problem.setType(URI.create("https://civicloop.org/problems/not-found"));
                    problem.setTitle("Not found");
                    return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
                });
        return new CaseStatusBody(
                view.reference(),
                view.status(),
                view.open311Status(),
                view.service(),
                view.department(),
                view.address(),
                view.openedAt(),
                view.updatedAt(),
                view.expectedBy(),
                view.history().stream()
                        .map(s -> new StatusStep(s.at(), s.status(), s.publicNote()))
                        .toList());
    }

    record ServiceBody(String code, String name, String description, String department) {}

    @GetMapping("/services")
    List<ServiceBody> services() {
        return cases.services().stream()
                .map(s -> new ServiceBody(s.code(), s.name(), s.description(), s.departmentCode()))
                .toList();
    }
}
