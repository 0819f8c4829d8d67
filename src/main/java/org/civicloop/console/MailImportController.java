package org.civicloop.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.civicloop.channels.email.MailImport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** Administrators import e-mail saved as {@code .eml} or {@code .mbox} files (large archives: the command line). */
@Controller
class MailImportController {

    private static final Logger log = LoggerFactory.getLogger(MailImportController.class);
    private static final int MAX_NOTES = 100;

    private final MailImport mailImport;

    MailImportController(MailImport mailImport) {
        this.mailImport = mailImport;
    }

    @GetMapping("/console/admin/mail-import")
    String form() {
        return "console/mail-import";
    }

    @PostMapping("/console/admin/mail-import")
    String upload(@RequestParam(name = "files", required = false) List<MultipartFile> files, Model model)
            throws IOException {
        var uploaded = files == null
                ? List.<MultipartFile>of()
                : files.stream().filter(f -> !f.isEmpty()).toList();
        if (uploaded.isEmpty()) {
            model.addAttribute("error", "mailimport.error.no-file");
            return "console/mail-import";
        }
        Path directory = Files.createTempDirectory("civicloop-mail-import");
        try {
            var paths = new ArrayList<Path>();
            int i = 0;
            for (MultipartFile file : uploaded) {
                String name = file.getOriginalFilename() == null
                        ? "upload"
                        : Path.of(file.getOriginalFilename().replace('\\', '/'))
                                .getFileName()
                                .toString();
                Path target = directory.resolve((i++) + "-" + name.replaceAll("[^A-Za-z0-9._-]", "_"));
                try (InputStream in = file.getInputStream()) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                paths.add(target);
            }
            var notes = new ArrayList<String>();
            var report = mailImport.importFiles(paths, progress -> {
                if (progress.note() != null && notes.size() < MAX_NOTES) {
                    notes.add(progress.note().replaceFirst("^\\d+-", ""));
                }
            });
            model.addAttribute("report", report);
            model.addAttribute("notes", notes);
            return "console/mail-import";
        } finally {
            try (var stream = Files.list(directory)) {
                for (Path p : stream.toList()) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(directory);
            log.debug("Mail import upload cleaned up");
        }
    }
}
