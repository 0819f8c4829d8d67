package org.civicloop.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.civicloop.shared.CaseId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CaseTests {

    static final Instant T0 = Instant.parse("2026-03-02T14:00:00Z");
    static final Service POTHOLE = new Service("pothole", "Pothole", "", "public-works", 24, 120, "pothole");

    static Case newCase() {
        return Case.open(
                CaseId.random(),
                "CL-26-00001",
                POTHOLE,
                CasePriority.NORMAL,
                "Pothole on Mill St",
                "Deep pothole",
                "120 Mill St",
                null,
                T0);
    }

    @Test
    void opensNewWithServiceLevelTargetsFromTheService() {
        Case c = newCase();
        assertThat(c.status()).isEqualTo(CaseStatus.NEW);
        assertThat(c.departmentCode()).isEqualTo("public-works");
        assertThat(c.acknowledgeDue()).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(c.resolveDue()).isEqualTo(T0.plus(Duration.ofHours(120)));
    }

    @Test
    void recordsFirstAcknowledgementAndResolution() {
        Case c = newCase();
        var changed = c.changeStatus(CaseStatus.ACKNOWLEDGED, "agent", "We are on it", null, T0.plusSeconds(60));
        assertThat(changed.from()).isEqualTo(CaseStatus.NEW);
        assertThat(changed.to()).isEqualTo(CaseStatus.ACKNOWLEDGED);
        assertThat(changed.publicNote()).isEqualTo("We are on it");
        assertThat(c.acknowledgedAt()).isEqualTo(T0.plusSeconds(60));

        c.changeStatus(CaseStatus.IN_PROGRESS, "crew", " ", null, T0.plusSeconds(120));
        c.changeStatus(CaseStatus.RESOLVED, "crew", "Filled", null, T0.plusSeconds(180));
        assertThat(c.resolvedAt()).isEqualTo(T0.plusSeconds(180));
        assertThat(c.acknowledgedAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void blankPublicNoteIsNoNote() {
        var changed = newCase().changeStatus(CaseStatus.ACKNOWLEDGED, "agent", "   ", null, T0);
        assertThat(changed.publicNote()).isNull();
    }

    @Test
    void closedCaseCannotBeResolvedOnlyReopened() {
        Case c = newCase();
        c.changeStatus(CaseStatus.CLOSED, "agent", null, null, T0.plusSeconds(10));
        assertThat(c.closedAt()).isNotNull();
        assertThatThrownBy(() -> c.changeStatus(CaseStatus.RESOLVED, "agent", null, null, T0.plusSeconds(20)))
                .isInstanceOf(IllegalCaseTransitionException.class)
                .hasMessageContaining("closed");
        assertThat(c.status()).isEqualTo(CaseStatus.CLOSED);

        c.changeStatus(CaseStatus.REOPENED, "agent", "Came back after the rain", null, T0.plusSeconds(30));
        assertThat(c.status().isOpen()).isTrue();
        assertThat(c.closedAt()).isNull();
        assertThat(c.resolvedAt()).isNull();
    }

    @Test
    void cannotStayInTheSameStatus() {
        Case c = newCase();
        assertThatThrownBy(() -> c.changeStatus(CaseStatus.NEW, "agent", null, null, T0))
                .isInstanceOf(IllegalCaseTransitionException.class);
    }

    @Test
    void overdueOnlyWhileOpenAndPastTheResolutionTarget() {
        Case c = newCase();
        Instant late = T0.plus(Duration.ofHours(121));
        assertThat(c.isOverdue(T0.plus(Duration.ofHours(119)))).isFalse();
        assertThat(c.isOverdue(late)).isTrue();
        c.changeStatus(CaseStatus.RESOLVED, "crew", null, null, late);
        assertThat(c.isOverdue(late.plusSeconds(1))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(CaseStatus.class)
    void everyStatusMapsToOpen311AndCanBeLeft(CaseStatus status) {
        assertThat(status.open311Status()).isIn("open", "closed");
        assertThat(status.open311Status().equals("closed"))
                .isEqualTo(status == CaseStatus.RESOLVED || status == CaseStatus.CLOSED);
        assertThat(status.next()).isNotEmpty().doesNotContain(status);
        assertThat(CaseStatus.fromCode(status.code())).isEqualTo(status);
    }
}
