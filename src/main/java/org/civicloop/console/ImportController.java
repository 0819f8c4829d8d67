package org.civicloop.console;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.civicloop.channels.csvimport.CsvImporter;
import org.civicloop.channels.csvimport.ImportField;
import org.civicloop.channels.csvimport.ImportMapping;
import org.civicloop.channels.csvimport.ImportOptions;
import org.civicloop.channels.csvimport.InvalidImportException;
import org.civicloop.shared.ChannelKind;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * Administrators and agents import CSV files (phone logs, counter visits, other systems' exports):
 * upload, check the detected columns and map them, watch the import, read the report.
 */
@Controller
class ImportController {

    static final List<String> CSV_TYPES = List.of(
            "text/csv",
            "text/plain",
            "application/csv",
            "text/comma-separated-values",
            "application/vnd.ms-excel",
            "text/tab-separated-values",
            "application/octet-stream");

    private final ImportJobs jobs;
    private final DataSize maxSize;

    ImportController(ImportJobs jobs, @Value("${civicloop.import.max-upload-size:8MB}") DataSize maxSize) {
        this.jobs = jobs;
        this.maxSize = maxSize;
    }

    @GetMapping("/console/import")
    String page(Model model) {
        model.addAttribute("maxSize", readable(maxSize));
        return "console/import";
    }

    @PostMapping("/console/import")
    String upload(
            @RequestParam(name = "file", required = false) MultipartFile file,
            Principal principal,
            Model model,
            HttpServletResponse response)
            throws IOException {
        model.addAttribute("maxSize", readable(maxSize));
        if (file == null || file.isEmpty()) {
            return refuse(model, response, HttpStatus.BAD_REQUEST, "import.error.no-file", null);
        }
        if (file.getSize() > maxSize.toBytes()) {
            return refuse(model, response, HttpStatus.CONTENT_TOO_LARGE, "import.error.too-large", null);
        }
        String name = file.getOriginalFilename() == null ? "upload.csv" : file.getOriginalFilename();
        String lower = name.toLowerCase(Locale.ROOT);
        String type = file.getContentType() == null
                ? ""
                : file.getContentType()
                        .toLowerCase(Locale.ROOT)
                        .replaceAll(";.*", "")
                        .strip();
        boolean csvName = lower.endsWith(".csv") || lower.endsWith(".txt") || lower.endsWith(".tsv");
        if (!csvName || !(type.isEmpty() || CSV_TYPES.contains(type))) {
            return refuse(model, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "import.error.not-csv", null);
        }
        try (var in = file.getInputStream()) {
            var job = jobs.upload(principal.getName(), name.replaceAll("[\\\\/]", "_"), in, file.getSize());
            return "redirect:/console/import/" + job.id;
        } catch (InvalidImportException e) {
            return refuse(
                    model, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "import.error.unreadable", e.getMessage());
        }
    }

    private static String refuse(
            Model model, HttpServletResponse response, HttpStatus status, String error, String detail) {
        response.setStatus(status.value());
        model.addAttribute("uploadError", error);
        model.addAttribute("uploadErrorDetail", detail);
        return "console/import";
    }

    @GetMapping("/console/import/{id}")
    String job(@PathVariable UUID id, Principal principal, Model model) {
        var job = find(id, principal);
        model.addAttribute("job", job);
        model.addAttribute("fields", ImportField.values());
        model.addAttribute("channels", ChannelKind.values());
        if (!model.containsAttribute("mapping")) {
            model.addAttribute("mapping", codes(ImportMapping.guess(job.preview.header())));
        }
        if (!model.containsAttribute("channel")) model.addAttribute("channel", ChannelKind.PHONE.code());
        return "console/import-job";
    }

    @PostMapping("/console/import/{id}")
    String start(
            @PathVariable UUID id,
            @RequestParam Map<String, String> params,
            Principal principal,
            Model model,
            HttpServletResponse response) {
        var job = find(id, principal);
        var columns = new EnumMap<ImportField, String>(ImportField.class);
        for (ImportField field : ImportField.values()) {
            String column = params.get("map." + field.code());
            if (column != null && !column.isBlank()) columns.put(field, column);
        }
        var mapping = new ImportMapping(columns);
        String channelCode = params.getOrDefault("channel", "phone");
        String timeFormat = params.get("timeFormat");
        model.addAttribute("mapping", codes(mapping));
        model.addAttribute("channel", channelCode);
        model.addAttribute("timeFormat", timeFormat);
        try {
            if (!ChannelKind.isKnown(channelCode)) throw new InvalidImportException("Unknown channel " + channelCode);
            if (mapping.column(ImportField.TEXT).isEmpty())
                throw new InvalidImportException("Choose the column with the text");
            for (String column : columns.values()) {
                if (!job.preview.header().contains(column)) throw new InvalidImportException("No column " + column);
            }
            ZoneId zone = zone(params.get("zone"));
            var options = new ImportOptions(mapping, ChannelKind.fromCode(channelCode), timeFormat, zone, false);
            if (!jobs.start(job, options)) throw new InvalidImportException("This file is being imported already");
        } catch (InvalidImportException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("mappingError", e.getMessage());
            return job(id, principal, model);
        }
        return "redirect:/console/import/" + id;
    }

    /** The progress bar, or the report once the import is done (polled by the page). */
    @GetMapping("/console/import/{id}/progress")
    String progress(@PathVariable UUID id, Principal principal, Model model) {
        model.addAttribute("job", find(id, principal));
        return "console/partials/import-progress :: progress";
    }

    @GetMapping("/console/import/{id}/errors.csv")
    ResponseEntity<byte[]> errors(@PathVariable UUID id, Principal principal) {
        var job = find(id, principal);
        if (job.report == null) throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        byte[] body = CsvImporter.errorsAsCsv(job.report.errors()).getBytes(StandardCharsets.UTF_8);
        String name = job.fileName.replaceAll("(?i)\\.(csv|txt|tsv)$", "").replaceAll("[^A-Za-z0-9 ._-]", "_")
                + "-errors.csv";
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name).build().toString())
                .body(body);
    }

    private ImportJobs.Job find(UUID id, Principal principal) {
        return jobs.find(id, principal.getName()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    static String readable(DataSize size) {
        return size.toBytes() >= 1024 * 1024 ? size.toMegabytes() + " MB" : size.toKilobytes() + " KB";
    }

    private static ZoneId zone(String zone) {
        if (zone == null || zone.isBlank()) return ZoneId.systemDefault();
        try {
            return ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new InvalidImportException("Unknown time zone " + zone);
        }
    }

    private static Map<String, String> codes(ImportMapping mapping) {
        var map = new java.util.HashMap<String, String>();
        mapping.columns().forEach((field, column) -> map.put(field.code(), column));
        return map;
    }
}
