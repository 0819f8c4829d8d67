package org.civicloop.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.civicloop.cases.Case;
import org.civicloop.cases.CaseManagement;
import org.civicloop.cases.CaseStatus;
import org.civicloop.cases.Department;
import org.civicloop.cases.Service;
import org.civicloop.identity.StaffManagement;
import org.civicloop.identity.StaffRole;
import org.civicloop.ingest.InboxFilter;
import org.civicloop.ingest.Message;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.ingest.MessageStatus;
import org.civicloop.shared.ChannelKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code civicloop demo} on a new installation: Riverton is there after the start, with every
 * kind of message and case a city sees, and demo staff who can sign in; a second start adds nothing.
 * The test database is shared by the run, so only what carries Riverton's marks is counted.
 */
@SpringBootTest(properties = {"civicloop.demo.enabled=true", "civicloop.demo.messages=300"})
@ExtendWith(OutputCaptureExtension.class)
class RivertonDemoIntegrationTests {

    @Autowired
    RivertonDemo demo;

    @Autowired
    CaseManagement cases;

    @Autowired
    MessageManagement messages;

    @Autowired
    StaffManagement staff;

    @Autowired
    ConfigurableApplicationContext context;

    @Value("${civicloop.data-dir}")
    String dataDir;

    @Test
    void rivertonIsSeededWithItsDepartmentsServicesAndStaff() throws Exception {
        assertThat(cases.departments())
                .extracting(Department::code)
                .containsAll(
                        RivertonCity.DEPARTMENTS.stream().map(Department::code).toList());
        assertThat(cases.services())
                .extracting(Service::code)
                .containsAll(RivertonCity.SERVICES.stream()
                        .map(RivertonCity.Offering::code)
                        .toList());
        assertThat(cases.service("pothole")).hasValueSatisfying(s -> {
            assertThat(s.departmentCode()).isEqualTo("public-works");
            assertThat(s.acknowledgeHours()).isEqualTo(24);
            assertThat(s.resolveHours()).isEqualTo(120);
        });

        Path file = DemoLogins.file(dataDir);
        List<DemoLogins.Login> logins = DemoLogins.read(file);
        assertThat(logins)
                .extracting(DemoLogins.Login::role)
                .containsExactlyInAnyOrderElementsOf(EnumSet.allOf(StaffRole.class).stream()
                        .map(StaffRole::code)
                        .toList());
        assertThat(logins).allSatisfy(login -> {
            assertThat(login.password()).hasSizeGreaterThanOrEqualTo(16);
            assertThat(staff.findByUsername(login.username()))
                    .hasValueSatisfying(
                            user -> assertThat(user.roles()).containsExactly(StaffRole.fromCode(login.role())));
        });
        assertThat(logins).extracting(DemoLogins.Login::password).doesNotHaveDuplicates();
        assertThat(staff.findByUsername("crew"))
                .hasValueSatisfying(u -> assertThat(u.departmentCode()).isEqualTo("public-works"));
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void residentsHaveWrittenOnEveryChannelInEnglishAndSpanish() {
        List<Message> riverton = rivertonMessages();
        assertThat(riverton).hasSize(300);
        assertThat(riverton)
                .extracting(Message::channel)
                .contains("web", "email", "sms", "mastodon", "bluesky", "open311", "phone")
                .allMatch(ChannelKind::isKnown);
        assertThat(riverton).extracting(Message::language).contains("en", "es");
        assertThat(riverton).allSatisfy(m -> {
            assertThat(m.receivedAt()).isBefore(Instant.now());
            assertThat(m.postedAt()).isAfter(Instant.now().minus(Duration.ofDays(61)));
            assertThat(messages.contact(m.id()))
                    .as("no demo resident can be written to")
                    .isEmpty();
        });
        assertThat(riverton)
                .extracting(Message::status)
                .as("the inbox has work in it, and much is already in cases")
                .contains(MessageStatus.NEW, MessageStatus.IN_CASE);
    }

    @Test
    void casesAreInEveryStatusAndDuplicatesShareACase() {
        Map<String, List<Message>> byCase = rivertonMessages().stream()
                .filter(m -> m.caseReference() != null)
                .collect(Collectors.groupingBy(Message::caseReference, TreeMap::new, Collectors.toList()));
        List<Case> riverton = byCase.keySet().stream()
                .map(ref -> cases.findByReference(ref).orElseThrow())
                .toList();
        assertThat(riverton).extracting(Case::status).containsAll(EnumSet.allOf(CaseStatus.class));
        assertThat(cases.countByStatus())
                .allSatisfy((status, count) -> assertThat(count).isPositive());
        assertThat(cases.countByStatus().keySet()).containsAll(EnumSet.allOf(CaseStatus.class));

        assertThat(byCase.values()).anyMatch(reporters -> reporters.size() > 1);
        Case shared = riverton.stream()
                .filter(c -> byCase.get(c.reference()).size() > 1)
                .findFirst()
                .orElseThrow();
        assertThat(cases.reporters(shared.id())).hasSizeGreaterThan(1);

        for (Case c : riverton) {
            var history = cases.history(c.id());
            assertThat(history.get(history.size() - 1).to()).isEqualTo(c.status());
            for (int i = 1; i < history.size(); i++) {
                assertThat(history.get(i).at()).isAfter(history.get(i - 1).at());
                assertThat(history.get(i - 1).to().canMoveTo(history.get(i).to()))
                        .isTrue();
            }
            assertThat(c.updatedAt()).isBefore(Instant.now());
        }
        assertThat(riverton)
                .filteredOn(c -> c.status() == CaseStatus.CLOSED)
                .allSatisfy(c -> assertThat(c.closedAt()).isNotNull());
    }

    @Test
    void aSecondStartAddsNothingAndTellsHowToSignIn(CapturedOutput output) throws Exception {
        Path file = DemoLogins.file(dataDir);
        String logins = Files.readString(file);
        List<Message> before = rivertonMessages();
        Map<CaseStatus, Long> casesBefore = cases.countByStatus();
        long staffBefore = staff.count();

        demo.onApplicationReady(
                new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));

        assertThat(rivertonMessages()).hasSameSizeAs(before);
        assertThat(cases.countByStatus()).isEqualTo(casesBefore);
        assertThat(staff.count()).isEqualTo(staffBefore);
        assertThat(Files.readString(file)).isEqualTo(logins);
        assertThat(output)
                .contains("Riverton demo is ready at http://localhost:")
                .contains("/console")
                .contains("Demo logins (this installation only):");
        String password = DemoLogins.read(file).get(0).password();
        assertThat(output.toString()).contains(password);
    }

    /** Riverton's messages: the demo's external ids, among whatever other tests stored. */
    private List<Message> rivertonMessages() {
        List<Message> all = new ArrayList<>();
        for (int offset = 0; ; offset += 500) {
            List<Message> page = messages.inbox(InboxFilter.all(), 500, offset);
            page.stream().filter(m -> m.externalId().startsWith("demo-")).forEach(all::add);
            if (page.size() < 500) break;
        }
        assertThat(all.stream().map(Message::externalId).collect(Collectors.toSet()))
                .hasSize(all.size());
        return all;
    }
}
