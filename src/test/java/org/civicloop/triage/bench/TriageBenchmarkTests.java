package org.civicloop.triage.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The benchmark runs every stage over every text and reports a rate for each (figures go to docs, not asserts). */
class TriageBenchmarkTests {

    @Test
    void everyStageAndBothPipelinesAreMeasured() throws Exception {
        var texts = new ArrayList<String>();
        for (int i = 0; i < 40; i++) {
            texts.add(
                    i % 2 == 0
                            ? "Pothole at " + (100 + i) + " Elm Street, call me at 401-555-01" + (10 + i)
                            : "Hay basura acumulada en la esquina de Main y 3rd desde hace " + i + " días");
        }
        var benchmark = new TriageBenchmark(List.of(
                new TriageBenchmark.Service("pothole", "Potholes. Holes in the road"),
                new TriageBenchmark.Service("trash", "Trash. Missed collection, litter")));
        var progress = new AtomicLong();
        var result = benchmark.run(texts, 2, "test", (done, total) -> {
            assertThat(done).isLessThanOrEqualTo(total);
            progress.set(done);
        });
        assertThat(result.messages()).isEqualTo(40);
        assertThat(result.threads()).isEqualTo(2);
        assertThat(result.stagesOneThread())
                .containsOnlyKeys(
                        "language",
                        "personal_data",
                        "emergency",
                        "sentiment",
                        "duplicate_signature",
                        "category_with_embeddings");
        assertThat(result.stagesOneThread().values()).allMatch(r -> r.perSecond() > 0 && r.perCpuSecond() > 0);
        assertThat(result.pipelineWithoutEmbeddings().projectedOnThreads())
                .isCloseTo(
                        result.pipelineWithoutEmbeddings().perCpuSecond() * 2,
                        org.assertj.core.data.Offset.offset(1e-6));
        assertThat(result.pipelineWithEmbeddings().perSecond()).isPositive();
        assertThat(progress.get()).isPositive();
    }
}
