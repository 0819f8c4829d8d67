package org.civicloop.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestLoggingFilterTests {

    @Test
    void logsNoReferenceOrIdentifierThatCouldPointAtAResident() {
        assertThat(RequestLoggingFilter.maskedPath("/cases/M-7KQ2-9XRT")).isEqualTo("/cases/{id}");
        assertThat(RequestLoggingFilter.maskedPath("/cases/CL-26-00012")).isEqualTo("/cases/{id}");
        assertThat(
                        RequestLoggingFilter.maskedPath(
                                "/console/messages/3f0e8a52-3f41-4c38-9d6b-1c2f0f3c1a77/media/0e7c4a9e-1111-4c38-9d6b-1c2f0f3c1a77"))
                .isEqualTo("/console/messages/{id}/media/{id}");
        assertThat(RequestLoggingFilter.maskedPath("/report")).isEqualTo("/report");
    }
}
