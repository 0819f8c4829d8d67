package org.civicloop.triage.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.civicloop.triage.eval.EvaluationTask;
import org.civicloop.triage.eval.EvaluationTasks;
import org.civicloop.triage.eval.Example;
import org.junit.jupiter.api.Test;

class LanguageEvaluationTests {

    @Test
    void labelsAreReadAsIso6391() {
        assertThat(LanguageLabels.normalize("English")).isEqualTo("en");
        assertThat(LanguageLabels.normalize("spa")).isEqualTo("es");
        assertThat(LanguageLabels.normalize("Filipino")).isEqualTo("tl");
        assertThat(LanguageLabels.normalize("tgl")).isEqualTo("tl");
        assertThat(LanguageLabels.normalize("zh-Hant")).isEqualTo("zh");
        assertThat(LanguageLabels.normalize("pt_BR")).isEqualTo("pt");
        assertThat(LanguageLabels.normalize("español")).isEqualTo("es");
        assertThat(LanguageLabels.normalize("ger")).isEqualTo("de");
        assertThat(LanguageLabels.normalize("und")).isEqualTo("und");
        assertThat(LanguageLabels.normalize("Klingon")).isEqualTo("klingon");
    }

    @Test
    @SuppressWarnings("unchecked")
    void reportsAccuracyOnLongTextsLowAccuracyModeAndTheBaseline() throws Exception {
        var test = new ArrayList<Example>();
        String[][] texts = {
            {"English", "The garbage truck skipped our whole street again this week"},
            {"English", "There is a dead tree leaning over the sidewalk near the school"},
            {"English", "ok"},
            {"Spanish", "El camión de la basura no pasó por nuestra calle esta semana"},
            {"Spanish", "Hay un árbol muerto inclinado sobre la acera cerca de la escuela"},
            {"spa", "Gracias por arreglar el semáforo tan rápido"},
            {"it", "Il camion della spazzatura non è passato nella nostra strada"},
            {"Dutch", "De vuilniswagen is deze week niet langs geweest"},
        };
        for (String[] t : texts) test.add(new Example(t[1], t[0]));
        var task = EvaluationTasks.find("language").orElseThrow();
        assertThat(task).isInstanceOf(LanguageEvaluation.class);
        var progress = new ArrayList<Long>();
        Map<String, Object> result =
                task.evaluate(new EvaluationTask.Input(test, null, null), (done, total) -> progress.add(done));

        assertThat(result.get("examples")).isEqualTo(8);
        // "ok" is und (a miss against "en"), Dutch is outside the languages: 6 of 8 right
        assertThat(result.get("accuracy")).isEqualTo(0.75);
        assertThat(result.get("undetermined")).isEqualTo(1);
        assertThat(result.get("labels_outside_languages")).isEqualTo(1L);
        var longTexts = (Map<String, Object>) result.get("at_least_five_words");
        assertThat(longTexts.get("examples")).isEqualTo(7);
        assertThat((double) longTexts.get("accuracy")).isEqualTo(Math.round(6 / 7.0 * 10000) / 10000.0);
        assertThat(result).containsKeys("macro_f1", "classes", "confusion", "messages_per_second", "low_accuracy_mode");
        var baseline = (Map<String, Object>) result.get("baseline");
        assertThat((String) baseline.get("method")).contains("cross-validation");
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1)).isEqualTo(24L);
    }

    @Test
    void theBaselineLearnsFromTheTrainingFile() {
        var model = new TrigramBaseline();
        for (String s : List.of("the street light is out", "the trash was not picked up", "there is a pothole"))
            model.train(s, "en");
        for (String s : List.of("la luz de la calle no funciona", "no recogieron la basura", "hay un bache"))
            model.train(s, "es");
        assertThat(model.predict("the pothole is still there")).isEqualTo("en");
        assertThat(model.predict("el bache sigue ahí")).isEqualTo("es");
        assertThat(model.predict("123")).isEqualTo("und");
    }
}
