package org.civicloop.triage.emergency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.civicloop.testing.SharedData;
import org.civicloop.triage.eval.EvaluationTask;
import org.civicloop.triage.eval.EvaluationTasks;
import org.civicloop.triage.eval.ExampleFiles;
import org.junit.jupiter.api.Test;

/**
 * Emergencies must be caught with very high recall, in English and Spanish, without crying wolf on
 * ordinary service requests.
 */
class EmergencyDetectorTests {

    final EmergencyDetector detector = new EmergencyDetector();

    static List<CSVRecord> resource(String name) throws Exception {
        var in = EmergencyDetectorTests.class.getResourceAsStream("/triage/" + name);
        try (var parser = CSVParser.builder()
                .setReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                .setFormat(CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get())
                .get()) {
            return parser.getRecords();
        }
    }

    @Test
    void everyWrittenEmergencyIsCaughtWithItsHazard() throws Exception {
        var rows = resource("emergencies.csv");
        assertThat(rows).hasSizeGreaterThanOrEqualTo(100);
        assertThat(rows.stream().filter(r -> r.get("language").equals("es")).count())
                .isGreaterThanOrEqualTo(40);
        var missed = new ArrayList<String>();
        var wrongHazard = new ArrayList<String>();
        for (CSVRecord row : rows) {
            var finding = detector.detect(row.get("text"));
            if (finding.isEmpty()) missed.add(row.get("text"));
            else if (!finding.get().hazard().code().equals(row.get("hazard")))
                wrongHazard.add(row.get("text") + " → " + finding.get());
        }
        assertThat(missed).as("emergencies missed").isEmpty();
        assertThat(wrongHazard).as("emergencies put under the wrong hazard").isEmpty();
    }

    @Test
    void everydayPhrasesWithAHazardWordAreNotEmergencies() throws Exception {
        var alarms = resource("not-emergencies.csv").stream()
                .map(r -> r.get("text"))
                .filter(detector::isEmergency)
                .map(t -> t + " → " + detector.detect(t).orElseThrow())
                .toList();
        assertThat(alarms).isEmpty();
    }

    @Test
    void realResidentReportsRarelyRaiseAFalseAlarm() throws Exception {
        var reports =
                ExampleFiles.read(SharedData.path("triage/newport-311-dev.csv")).examples();
        assertThat(reports).hasSizeGreaterThan(400);
        var alarms = reports.stream()
                .filter(e -> detector.isEmergency(e.text()))
                .map(e -> e.text())
                .toList();
        // at most 5 % false alarms on ordinary reports (none of the Newport reports is an emergency)
        assertThat(alarms.size()).as("false alarms: %s", alarms).isLessThanOrEqualTo(reports.size() / 20);
    }

    @Test
    void foldingIgnoresCaseAccentsAndCurlyApostrophes() {
        assertThat(EmergencyDetector.fold("OLOR A GÁS  en la Cañada – there’s"))
                .isEqualTo("olor a gas en la canada – there's");
        assertThat(detector.detect("Hay OLOR A GÁS en la cocina").orElseThrow().hazard())
                .isEqualTo(Hazard.GAS);
        assertThat(detector.detect("there’s a fire on the porch").orElseThrow().hazard())
                .isEqualTo(Hazard.FIRE);
        assertThat(detector.detect("")).isEmpty();
        assertThat(detector.detect(null)).isEmpty();
    }

    @Test
    void theEvaluationTaskCountsEmergenciesAgainstEverythingElse() throws Exception {
        var task = EvaluationTasks.find("emergency").orElseThrow();
        var file = Files.createTempFile("emergency", ".csv");
        Files.writeString(
                file,
                "text,label\n\"I smell gas in the basement\",emergency\n\"Pothole on Elm\",service_request\n"
                        + "\"Streetlight out\",other\n\"house on fire!\",1\n");
        var result = task.evaluate(
                new EvaluationTask.Input(ExampleFiles.read(file).examples(), null, null), EvaluationTask.Progress.NONE);
        assertThat(result.get("accuracy")).isEqualTo(1.0);
        assertThat(result.get("examples")).isEqualTo(4);
    }
}
