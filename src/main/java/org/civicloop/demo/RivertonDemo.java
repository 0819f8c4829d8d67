package org.civicloop.demo;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicloop.cases.CaseManagement;
import org.civicloop.cases.Department;
import org.civicloop.cases.OpenCase;
import org.civicloop.demo.DemoLogins.Login;
import org.civicloop.demo.RivertonMessages.Attach;
import org.civicloop.demo.RivertonMessages.Move;
import org.civicloop.demo.RivertonMessages.Open;
import org.civicloop.demo.RivertonMessages.Plan;
import org.civicloop.demo.RivertonMessages.PlannedCase;
import org.civicloop.demo.RivertonMessages.PlannedMessage;
import org.civicloop.demo.RivertonMessages.Receive;
import org.civicloop.demo.RivertonMessages.Step;
import org.civicloop.demo.RivertonMessages.Transition;
import org.civicloop.identity.AuditTrail;
import org.civicloop.identity.NewStaffUser;
import org.civicloop.identity.StaffManagement;
import org.civicloop.identity.StaffRole;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.CaseId;
import org.civicloop.shared.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo city of Riverton ({@code civicloop demo}): seeded on the first start with its
 * departments, services, staff and the last weeks of residents' messages and cases; on every start,
 * tells where it runs and how to sign in.
 *
 * <p>The audit trail records when seeding started (with what it needs to plan the same city again)
 * and when it finished. A seeding interrupted half-way (the process killed, the disk full) is
 * finished on the next start, without doubling anything. An installation with departments of its
 * own is never seeded: the demo city does not mix with a real one.
 */
@Component
@ConditionalOnProperty(name = "civicloop.demo.enabled", havingValue = "true")
class RivertonDemo {

    private static final Logger log = LoggerFactory.getLogger(RivertonDemo.class);
    /** At most this many messages (and what followed them) per transaction, and at least ten transactions. */
    private static final int MESSAGES_PER_TRANSACTION = 200;

    private static final String ACTOR = "demo";
    private static final String SUBJECT_TYPE = "demo";
    private static final String SUBJECT = "riverton";
    static final String STARTED = "demo.seeding_started";
    static final String SEEDED = "demo.seeded";

    /** A demo member of staff: one for every role. */
    record DemoUser(String username, String displayName, StaffRole role, String departmentCode) {}

    static final List<DemoUser> USERS = List.of(
            new DemoUser("admin", "Robin Hale (IT, administrator)", StaffRole.ADMIN, null),
            new DemoUser("agent", "Alex Moreno (311 desk)", StaffRole.AGENT, null),
            new DemoUser("crew", "Sam Kowalczyk (Public Works crew lead)", StaffRole.DEPARTMENT_STAFF, "public-works"),
            new DemoUser("approver", "Jordan Ellis (Communications)", StaffRole.APPROVER, null),
            new DemoUser("viewer", "Casey Brandt (Mayor's Office)", StaffRole.VIEWER, null));

    private final DemoSettings settings;
    private final CaseManagement cases;
    private final MessageManagement messages;
    private final StaffManagement staff;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String dataDir;

    RivertonDemo(
            DemoSettings settings,
            CaseManagement cases,
            MessageManagement messages,
            StaffManagement staff,
            AuditTrail audit,
            TransactionTemplate transactions,
            Clock clock,
            @Value("${civicloop.data-dir:data}") String dataDir) {
        this.settings = settings;
        this.cases = cases;
        this.messages = messages;
        this.staff = staff;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        this.dataDir = dataDir;
    }

    @EventListener
    void onApplicationReady(ApplicationReadyEvent event) {
        var records = audit.forSubject(SUBJECT_TYPE, SUBJECT);
        var started = records.stream().filter(r -> r.action().equals(STARTED)).findFirst();
        boolean seeded = records.stream().anyMatch(r -> r.action().equals(SEEDED));
        if (seeded) {
            log.info("Riverton is already seeded: the demo goes on where it was left");
        } else if (started.isPresent()) {
            resume(started.get().details());
        } else {
            List<String> foreign = cases.departments().stream()
                    .map(Department::code)
                    .filter(code -> RivertonCity.DEPARTMENTS.stream()
                            .noneMatch(d -> d.code().equals(code)))
                    .toList();
            if (foreign.isEmpty()) {
                seed();
            } else {
                log.warn(
                        "This installation has departments of its own ({}): the demo city of Riverton is not"
                                + " seeded into it. Use another data directory (--data) for the demo.",
                        String.join(", ", foreign));
            }
        }
        printBanner(port(event.getApplicationContext().getEnvironment()));
    }

    /** Seeds the whole city on an installation that has none of it yet. */
    private void seed() {
        long began = System.nanoTime();
        Instant now = clock.instant();
        log.info(
                "Seeding the demo city of Riverton: {} messages over the last {} days",
                settings.messages(),
                settings.days());
        Map<String, Object> parameters = new TreeMap<>();
        parameters.put("seed", settings.seed());
        parameters.put("messages", settings.messages());
        parameters.put("days", settings.days());
        parameters.put("now", now.toEpochMilli());
        transactions.executeWithoutResult(status -> {
            seedCatalogueAndStaff();
            audit.record(ACTOR, STARTED, SUBJECT_TYPE, SUBJECT, parameters);
        });
        Plan plan = RivertonMessages.plan(settings.seed(), settings.messages(), settings.days(), now);
        replay(plan, false);
        finish(plan, began);
    }

    /** Finishes a seeding that was interrupted, with the plan it was following. */
    private void resume(String details) {
        long began = System.nanoTime();
        long seed = number(details, "seed");
        int count = (int) number(details, "messages");
        int days = (int) number(details, "days");
        Instant now = Instant.ofEpochMilli(number(details, "now"));
        log.warn("Seeding Riverton was interrupted: finishing it ({} messages planned on {})", count, now);
        Plan plan = RivertonMessages.plan(seed, count, days, now);
        replay(plan, true);
        finish(plan, began);
    }

    private void finish(Plan plan, long began) {
        Map<String, Object> outcome = new TreeMap<>();
        outcome.put("messages", plan.messages().size());
        outcome.put("cases", plan.cases().size());
        transactions.executeWithoutResult(status -> audit.record(ACTOR, SEEDED, SUBJECT_TYPE, SUBJECT, outcome));
        log.info(
                "Riverton seeded in {} s: {} messages, {} cases",
                Duration.ofNanos(System.nanoTime() - began).toMillis() / 1000.0,
                plan.messages().size(),
                plan.cases().size());
    }

    private static long number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(-?\\d+)").matcher(json);
        if (!m.find()) throw new IllegalStateException("The demo seeding record has no " + key + ": " + json);
        return Long.parseLong(m.group(1));
    }

    private void seedCatalogueAndStaff() {
        RivertonCity.DEPARTMENTS.forEach(cases::saveDepartment);
        RivertonCity.SERVICES.forEach(o -> cases.saveService(o.service()));
        List<Login> logins = new ArrayList<>();
        for (DemoUser user : USERS) {
            if (staff.findByUsername(user.username()).isPresent()) {
                log.warn("A staff user named '{}' exists already: left as it is", user.username());
                continue;
            }
            String password = DemoLogins.newPassword();
            staff.create(
                    new NewStaffUser(
                            user.username(),
                            user.displayName(),
                            password,
                            EnumSet.of(user.role()),
                            user.departmentCode()),
                    ACTOR);
            logins.add(new Login(user.username(), password, user.role().code()));
        }
        // inside the transaction: if the file cannot be written, no account is left without its password
        DemoLogins.write(DemoLogins.file(dataDir), logins);
    }

    /**
     * Replays Riverton's past in order, a few hundred messages (and what followed them) per
     * transaction. When {@code resuming}, what an earlier attempt committed is recognised and skipped.
     */
    private void replay(Plan plan, boolean resuming) {
        List<Step> steps = plan.steps();
        MessageId[] messageIds = new MessageId[plan.messages().size()];
        CaseId[] caseIds = new CaseId[plan.cases().size()];
        int total = plan.messages().size();
        int perTransaction = Math.max(1, Math.min(MESSAGES_PER_TRANSACTION, (total + 9) / 10));
        int received = 0;
        int logged = 0;
        int i = 0;
        while (i < steps.size()) {
            int from = i;
            int count = 0;
            while (i < steps.size() && !(steps.get(i) instanceof Receive && count == perTransaction)) {
                if (steps.get(i) instanceof Receive) count++;
                i++;
            }
            List<Step> chunk = steps.subList(from, i);
            transactions.executeWithoutResult(status -> {
                for (Step step : chunk) apply(step, plan, messageIds, caseIds, resuming);
            });
            received += count;
            int decile = total == 0 ? 10 : received * 10 / total;
            if (decile > logged) {
                logged = decile;
                log.info("Seeding Riverton: {}% ({}/{} messages)", decile * 10, received, total);
            }
        }
    }

    private void apply(Step step, Plan plan, MessageId[] messageIds, CaseId[] caseIds, boolean resuming) {
        if (step instanceof Receive r) {
            // storing a message is idempotent: a second time answers the first one's id
            PlannedMessage m = plan.messages().get(r.message());
            messageIds[r.message()] =
                    messages.receive(m.message(), m.receivedAt()).messageId();
        } else if (step instanceof Open o) {
            PlannedCase c = plan.cases().get(o.caseIndex());
            if (resuming) {
                var existing =
                        cases.caseReportedBy(messageIds[c.openingReporters().get(0)]);
                if (existing.isPresent()) {
                    caseIds[o.caseIndex()] = existing.get();
                    return;
                }
            }
            List<OpenCase.ReportingMessage> reporters = c.openingReporters().stream()
                    .map(m -> new OpenCase.ReportingMessage(messageIds[m], channel(plan, m)))
                    .toList();
            OpenCase command = new OpenCase(
                    c.serviceCode(), c.priority(), c.title(), c.description(), c.address(), c.location(), reporters);
            caseIds[o.caseIndex()] = cases.open(command, "agent", c.openedAt()).id();
        } else if (step instanceof Attach a) {
            // attaching is idempotent too
            cases.attach(caseIds[a.caseIndex()], messageIds[a.message()], channel(plan, a.message()), "agent", a.at());
        } else if (step instanceof Move mv) {
            CaseId id = caseIds[mv.caseIndex()];
            Transition t = plan.cases().get(mv.caseIndex()).transitions().get(mv.transition());
            // the history holds the opening and every move made so far
            if (resuming && cases.history(id).size() > mv.transition() + 1) return;
            // assign() has no historical time: the status change right after sets the case's last update
            if (t.assignee() != null) cases.assign(id, t.assignee(), null, t.actor());
            cases.changeStatus(id, t.status(), t.publicNote(), t.internalNote(), t.actor(), t.at());
        }
    }

    private static String channel(Plan plan, int message) {
        return plan.messages().get(message).message().channel().code();
    }

    /** Where the demo runs and how to sign in: printed on every start of the demo. */
    void printBanner(String port) {
        Path file = DemoLogins.file(dataDir);
        List<Login> logins = DemoLogins.read(file);
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder(nl);
        sb.append("Riverton demo is ready at http://localhost:%s/  (staff console: http://localhost:%s/console)"
                        .formatted(port, port))
                .append(nl);
        if (logins.isEmpty()) {
            sb.append("No demo logins in ")
                    .append(file.toAbsolutePath())
                    .append(": this installation was not seeded by the demo. Create a user with"
                            + " `civicloop admin create-user`.")
                    .append(nl);
        } else {
            sb.append("Demo logins (this installation only):").append(nl);
            for (Login l : logins) {
                sb.append("  %-9s %-24s %s".formatted(l.username(), l.password(), l.role()))
                        .append(nl);
            }
        }
        System.out.print(sb);
        System.out.flush();
    }

    private static String port(Environment environment) {
        return environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    }
}
