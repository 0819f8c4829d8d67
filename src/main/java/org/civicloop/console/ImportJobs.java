package org.civicloop.console;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.civicloop.channels.csvimport.CsvFiles;
import org.civicloop.channels.csvimport.CsvImporter;
import org.civicloop.channels.csvimport.ImportOptions;
import org.civicloop.channels.csvimport.ImportReport;
import org.civicloop.channels.csvimport.InvalidImportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * CSV files uploaded on the import page and their imports, run one at a time in the background.
 * An upload is kept in {@code <data>/imports} until its import finishes or a day has passed; the
 * job (progress and report) lives in memory, for its uploader only. A restart loses the job, not
 * data: an import commits all its valid rows at once or nothing, and running it again stores only
 * what is missing.
 */
@Component
class ImportJobs {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);
    static final Duration KEEP = Duration.ofDays(1);

    enum State {
        UPLOADED,
        RUNNING,
        DONE,
        FAILED
    }

    /** One upload and its import. */
    static final class Job {
        final UUID id;
        final String owner;
        final String fileName;
        final Path file;
        final long size;
        final Instant uploadedAt;
        final CsvFiles.Preview preview;
        volatile State state = State.UPLOADED;
        volatile long done;
        volatile long total;
        volatile ImportReport report;
        volatile String failure;

        Job(UUID id, String owner, String fileName, Path file, long size, Instant at, CsvFiles.Preview preview) {
            this.id = id;
            this.owner = owner;
            this.fileName = fileName;
            this.file = file;
            this.size = size;
            this.uploadedAt = at;
            this.preview = preview;
        }

        public UUID getId() {
            return id;
        }

        public String getFileName() {
            return fileName;
        }

        public String getState() {
            return state.name().toLowerCase(java.util.Locale.ROOT);
        }

        public int getPercent() {
            if (state == State.DONE) return 100;
            return total == 0 ? 0 : (int) Math.min(100, done * 100 / total);
        }

        public ImportReport getReport() {
            return report;
        }

        public String getFailure() {
            return failure;
        }

        public CsvFiles.Preview getPreview() {
            return preview;
        }

        public boolean isFinished() {
            return state == State.DONE || state == State.FAILED;
        }
    }

    private final CsvImporter importer;
    private final Clock clock;
    private final Path folder;
    private final Map<UUID, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "csv-import");
        t.setDaemon(true);
        return t;
    });

    ImportJobs(CsvImporter importer, Clock clock, @Value("${civicloop.data-dir:data}") String dataDir) {
        this.importer = importer;
        this.clock = clock;
        this.folder = Path.of(dataDir).resolve("imports");
    }

    /**
     * Keeps an uploaded file and reads its header and first rows.
     *
     * @throws InvalidImportException when it is not a CSV file with a header
     */
    Job upload(String owner, String fileName, InputStream content, long size) {
        forgetOld();
        UUID id = UUID.randomUUID();
        Path file;
        try {
            Files.createDirectories(folder);
            file = folder.resolve(id + ".csv");
            Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            var preview = CsvFiles.preview(file, 5);
            var job = new Job(id, owner, fileName, file, size, clock.instant(), preview);
            jobs.put(id, job);
            return job;
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    Optional<Job> find(UUID id, String owner) {
        return Optional.ofNullable(jobs.get(id)).filter(j -> j.owner.equals(owner));
    }

    /** Starts the import; answers false when it was started already. */
    synchronized boolean start(Job job, ImportOptions options) {
        if (job.state != State.UPLOADED) return false;
        job.state = State.RUNNING;
        worker.submit(() -> run(job, options));
        return true;
    }

    private void run(Job job, ImportOptions options) {
        try {
            job.report = importer.importFile(job.file, options, (done, total) -> {
                job.done = done;
                job.total = total;
            });
            job.state = State.DONE;
        } catch (InvalidImportException e) {
            job.failure = e.getMessage();
            job.state = State.FAILED;
        } catch (RuntimeException e) {
            log.error("CSV import {} of {} failed", job.id, job.fileName, e);
            job.failure = "The import failed and stored nothing; it can be run again.";
            job.state = State.FAILED;
        } finally {
            deleteQuietly(job.file);
        }
    }

    private void forgetOld() {
        Instant limit = clock.instant().minus(KEEP);
        jobs.values().removeIf(job -> {
            if (job.uploadedAt.isAfter(limit) || job.state == State.RUNNING) return false;
            deleteQuietly(job.file);
            return true;
        });
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", file, e.getMessage());
        }
    }

    @PreDestroy
    void shutdown() {
        worker.shutdownNow();
    }
}
