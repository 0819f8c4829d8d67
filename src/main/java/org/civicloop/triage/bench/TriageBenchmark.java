package org.civicloop.triage.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.civicloop.triage.category.ServiceClassifier;
import org.civicloop.triage.duplicates.TextSignature;
import org.civicloop.triage.emergency.EmergencyDetector;
import org.civicloop.triage.eval.EvaluationTask;
import org.civicloop.triage.language.LanguageIdentifier;
import org.civicloop.triage.privacy.PersonalDataRedactor;
import org.civicloop.triage.sentiment.SentimentScorer;
import org.civicloop.triage.text.SentenceEmbeddings;

/**
 * Messages per second through the triage stages built so far, in-process, without a server or a
 * database: each stage alone on one thread (where the time goes), then the whole pipeline on
 * {@code threads} worker threads without the stages that need sentence embeddings (language,
 * personal data, emergency, sentiment, duplicate text signature) and with them (plus the service
 * category, zero-shot from the given services, which embeds the text). Every stage is warmed up
 * first on the same texts; the embedding model runs with one ONNX intra-op thread per call, so
 * the worker threads compute side by side instead of contending for the cores.
 */
public final class TriageBenchmark {

    /**
     * What was measured, in messages per second of elapsed time and per second of CPU time (the
     * CPU time of the measuring threads: on a machine busy with other work, elapsed figures drop
     * while CPU figures tell what the code costs; {@code projectedOnThreads} is the CPU figure times
     * the worker threads, what as many free cores would do).
     */
    public record Result(
            int messages,
            int threads,
            String source,
            Map<String, Rate> stagesOneThread,
            Rate pipelineWithoutEmbeddings,
            Rate pipelineWithEmbeddings,
            String embeddingModel,
            String javaVersion,
            int processors,
            double loadAverageBefore) {}

    /** Messages per elapsed second, per CPU second, and per CPU second times the threads. */
    public record Rate(double perSecond, double perCpuSecond, double projectedOnThreads) {}

    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private final LanguageIdentifier language = new LanguageIdentifier();
    private final PersonalDataRedactor personalData = new PersonalDataRedactor();
    private final EmergencyDetector emergency = new EmergencyDetector();
    private final SentimentScorer sentiment = SentimentScorer.standard();
    private final ServiceClassifier category;

    /** A city service as the zero-shot category stage sees it. */
    public record Service(String label, String description) {}

    public TriageBenchmark(List<Service> services) {
        this.category = ServiceClassifier.build(
                SentenceEmbeddings.singleThreaded(),
                services.stream()
                        .map(s -> new ServiceClassifier.Service(s.label(), s.description()))
                        .toList(),
                List.of());
    }

    public Result run(List<String> texts, int threads, String source, EvaluationTask.Progress progress)
            throws Exception {
        int warm = Math.min(texts.size(), 300);
        long total = (long) texts.size() * 3 + warm * 2L;
        var done = new AtomicLong();
        Consumer<Integer> step = n -> progress.done(done.addAndGet(n), total);

        // warm-up: the JIT, Lingua's models, the ONNX session
        for (String t : texts.subList(0, warm)) {
            withoutEmbeddings(t);
            step.accept(1);
        }
        for (String t : texts.subList(0, warm)) {
            category.classify(t);
            step.accept(1);
        }

        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage();
        var stages = new LinkedHashMap<String, Rate>();
        stages.put("language", perSecond(texts, language::identify));
        stages.put("personal_data", perSecond(texts, personalData::redact));
        stages.put("emergency", perSecond(texts, emergency::detect));
        stages.put("sentiment", perSecond(texts, sentiment::score));
        stages.put("duplicate_signature", perSecond(texts, TextSignature::of));
        step.accept(texts.size());
        var sample = texts.subList(0, Math.min(texts.size(), 500));
        stages.put("category_with_embeddings", perSecond(sample, category::classify));

        Rate without = parallel(texts, threads, this::withoutEmbeddings, step);
        Rate with = parallel(
                texts,
                threads,
                t -> {
                    withoutEmbeddings(t);
                    category.classify(t);
                },
                step);
        return new Result(
                texts.size(),
                threads,
                source,
                stages,
                without,
                with,
                SentenceEmbeddings.modelName(),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                load);
    }

    private void withoutEmbeddings(String text) {
        language.identify(text);
        personalData.redact(text);
        emergency.detect(text);
        sentiment.score(text);
        TextSignature.of(text);
    }

    private static Rate perSecond(List<String> texts, Consumer<String> stage) {
        long began = System.nanoTime();
        long cpu = CPU.getCurrentThreadCpuTime();
        for (String t : texts) stage.accept(t);
        double cpuSeconds = (CPU.getCurrentThreadCpuTime() - cpu) / 1e9;
        double perCpu = texts.size() / cpuSeconds;
        return new Rate(texts.size() / ((System.nanoTime() - began) / 1e9), perCpu, perCpu);
    }

    private static Rate parallel(List<String> texts, int threads, Consumer<String> pipeline, Consumer<Integer> step)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            var next = new AtomicLong();
            var cpuNanos = new AtomicLong();
            long began = System.nanoTime();
            var futures = new ArrayList<Future<?>>();
            for (int w = 0; w < threads; w++) {
                futures.add(pool.submit(() -> {
                    long cpu = CPU.getCurrentThreadCpuTime();
                    int unreported = 0;
                    for (long i = next.getAndIncrement(); i < texts.size(); i = next.getAndIncrement()) {
                        pipeline.accept(texts.get((int) i));
                        if (++unreported == 50) {
                            step.accept(unreported);
                            unreported = 0;
                        }
                    }
                    step.accept(unreported);
                    cpuNanos.addAndGet(CPU.getCurrentThreadCpuTime() - cpu);
                }));
            }
            for (var f : futures) f.get();
            double perSecond = texts.size() / ((System.nanoTime() - began) / 1e9);
            double perCpu = texts.size() / (cpuNanos.get() / 1e9);
            return new Rate(perSecond, perCpu, perCpu * threads);
        } finally {
            pool.shutdownNow();
        }
    }
}
