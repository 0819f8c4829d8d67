package org.civicloop.triage.location;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.civicloop.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * Place extraction on real Newport reports (gold address from the report's map pin), against the
 * street names seen in Newport reports: better than the regular-expression baselines, and the
 * gold street found in most reports whose text names it.
 */
class LocationEvaluationTests {

    @Test
    @SuppressWarnings("unchecked")
    void newportStreets() throws Exception {
        Map<String, Object> result = LocationEvaluation.run(
                SharedData.path("triage/newport-311-dev.csv"), SharedData.path("gazetteer/newport-streets.csv"), 5);
        assertThat(result.get("reports")).isEqualTo(430);
        var ours = (Map<String, Object>) result.get(LocationExtractor.VERSION);
        var street = (Map<String, Object>) ours.get("street");
        var named = (Map<String, Object>) ours.get("street_where_the_text_names_it");
        var baseline = (Map<String, Object>)
                ((Map<String, Object>) result.get("baseline_regex_number_words_type")).get("street");
        var baseline2 = (Map<String, Object>)
                ((Map<String, Object>) result.get("baseline_regex_capitalised_words_type")).get("street");
        assertThat((double) named.get("recall")).isGreaterThanOrEqualTo(0.75);
        assertThat((double) named.get("precision")).isGreaterThanOrEqualTo(0.75);
        assertThat((double) street.get("f1"))
                .isGreaterThan((double) baseline.get("f1"))
                .isGreaterThan((double) baseline2.get("f1"));
        var geo = (Map<String, Object>) result.get("geocoding_with_street_middles_from_training_folds");
        var city = (Map<String, Object>) geo.get("baseline_city_middle");
        assertThat((long) geo.get("located_median_metres")).isLessThan((long) city.get("median_metres_same_reports"));
    }
}
