package org.civicloop.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicloop.cases.CaseManagement;
import org.civicloop.ingest.Message;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.shared.MessageId;
import org.civicloop.triage.MessageTriage;
import org.civicloop.triage.TriageCorrection;
import org.civicloop.triage.TriageFilter;
import org.civicloop.triage.TriageManagement;
import org.springframework.stereotype.Component;

/** What the console shows of triage beside each message: the machine's answers and staff corrections. */
@Component
class TriageView {

    /**
     * One message with its triage.
     *
     * @param text the message's text with personal data hidden (what the inbox shows to everyone)
     * @param triage the stored result, or null when not triaged yet
     * @param correction the newest staff correction of the service, or null
     */
    record Row(Message message, String text, String author, MessageTriage triage, TriageCorrection correction) {

        public MessageTriage.Category machineCategory() {
            return triage == null ? null : triage.category();
        }

        /** The service as staff should see it: corrected, or the machine's. */
        public String category() {
            if (correction != null) return correction.newValue();
            return machineCategory() == null ? null : machineCategory().service();
        }

        public boolean corrected() {
            return correction != null;
        }

        public boolean needsHuman() {
            return correction == null
                    && machineCategory() != null
                    && machineCategory().needsHuman();
        }

        public Integer confidencePercent() {
            return machineCategory() == null
                    ? null
                    : (int) Math.round(machineCategory().confidence() * 100);
        }

        public boolean emergency() {
            return triage != null && triage.hasEmergency();
        }
    }

    private final MessageManagement messages;
    private final TriageManagement triage;
    private final CaseManagement cases;

    TriageView(MessageManagement messages, TriageManagement triage, CaseManagement cases) {
        this.messages = messages;
        this.triage = triage;
        this.cases = cases;
    }

    /** Whether these roles may read residents' personal data (the original text, contact details). */
    static boolean mayReadPersonalData(org.springframework.security.core.Authentication user) {
        return user != null
                && user.getAuthorities().stream()
                        .anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN")
                                || a.getAuthority().equals("ROLE_AGENT"));
    }

    /**
     * @param privileged whether the author's handle (a phone number, an e-mail address) may be
     *     shown as it is; the text is always the redacted one
     */
    List<Row> rows(List<Message> shown, boolean privileged) {
        var ids = shown.stream().map(Message::id).toList();
        var results = triage.findAll(ids);
        var corrections = triage.latestCorrections(ids, TriageCorrection.CATEGORY);
        return shown.stream()
                .map(m -> {
                    var t = results.get(m.id());
                    String text = t != null ? t.redactedText() : triage.redact(m.text());
                    // a texter's handle is their phone number, whatever a phone-number parser thinks of it
                    String author = m.authorHandle() == null || privileged
                            ? m.authorHandle()
                            : "sms".equals(m.channel()) ? "[phone]" : triage.redact(m.authorHandle());
                    return new Row(m, text, author, t, corrections.get(m.id()));
                })
                .toList();
    }

    Row row(Message message, boolean privileged) {
        return rows(List.of(message), privileged).get(0);
    }

    List<Message> messagesIn(TriageFilter filter, int limit, int offset) {
        return triage.messagesIn(filter, limit, offset).stream()
                .map(messages::find)
                .flatMap(Optional::stream)
                .toList();
    }

    /** Service code to name, in catalogue order. */
    Map<String, String> serviceNames() {
        var names = new LinkedHashMap<String, String>();
        cases.services().forEach(s -> names.put(s.code(), s.name()));
        return names;
    }

    List<TriageCorrection> corrections(MessageId id) {
        return triage.corrections(id);
    }
}
