package org.civicloop.triage;

import static org.assertj.core.api.Assertions.assertThat;

import org.civicloop.cases.Service;
import org.junit.jupiter.api.Test;

/** The zero-shot description of a service and the "why" words shown to staff. */
class CategoryStageTests {

    static final Service STREETLIGHT = new Service(
            "streetlight",
            "Streetlight out",
            "A street light or lamp post is dark, flickering or broken.",
            "public-works",
            24,
            120,
            "streetlight, lamp, bulbs");

    @Test
    void theDescriptionIsNameDescriptionAndKeywords() {
        assertThat(CategoryStage.description(STREETLIGHT))
                .isEqualTo("Streetlight out. A street light or lamp post is dark, flickering or broken.. "
                        + "streetlight, lamp, bulbs");
        assertThat(CategoryStage.description(new Service("x", "X ray", null, "d", 1, 1, " ")))
                .isEqualTo("X ray");
    }

    @Test
    void whyWordsAreTheMessagesWordsFoundInTheServiceInTheirOrder() {
        assertThat(CategoryStage.sharedWords(
                        "The lamps on Mill St are dark and the bulb is broken, the street is dark", STREETLIGHT))
                .containsExactly("lamps", "dark", "bulb", "broken", "street");
        // short words and common words never count; nothing shared, nothing shown
        assertThat(CategoryStage.sharedWords("a or is the", STREETLIGHT)).isEmpty();
        assertThat(CategoryStage.sharedWords("Graffiti on the wall", STREETLIGHT))
                .isEmpty();
        assertThat(CategoryStage.sharedWords("anything", null)).isEmpty();
    }

    @Test
    void atMostFiveWords() {
        assertThat(CategoryStage.sharedWords("street light lamp post dark flickering broken streetlight", STREETLIGHT))
                .hasSize(5);
    }

    @Test
    void triageViewsHaveStableCodes() {
        assertThat(TriageFilter.fromCode("needs-human")).isEqualTo(TriageFilter.NEEDS_HUMAN);
        assertThat(TriageFilter.fromCode(" emergency ")).isEqualTo(TriageFilter.EMERGENCY);
        assertThat(TriageFilter.fromCode("corrected")).isEqualTo(TriageFilter.CORRECTED);
        assertThat(TriageFilter.fromCode("nonsense")).isNull();
        assertThat(TriageFilter.fromCode(null)).isNull();
    }
}
