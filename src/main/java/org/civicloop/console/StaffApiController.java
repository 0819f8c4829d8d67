package org.civicloop.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.civicloop.ingest.InboxFilter;
import org.civicloop.ingest.Message;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.ingest.MessageStatus;
import org.civicloop.platform.ApiController;
import org.civicloop.shared.ChannelKind;
import org.civicloop.shared.MessageId;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The staff API: resident messages with the inbox's filters, for scripts and other tools. Signed
 * in with an API token; answers with the same data and the same rules as the console.
 */
@ApiController
@RequestMapping("/api/staff/v1")
@Tag(name = "Messages", description = "Resident messages from every channel")
@SecurityRequirement(name = "apiToken")
class StaffApiController {

    static final int MAX_LIMIT = 500;
    private final MessageManagement messages;
    private final TriageView triage;
    private final org.civicloop.identity.AuditTrail audit;

    StaffApiController(MessageManagement messages, TriageView triage, org.civicloop.identity.AuditTrail audit) {
        this.messages = messages;
        this.triage = triage;
        this.audit = audit;
    }

    record MessageBody(
            UUID id,
            String reference,
            String channel,
            String externalId,
            String author,
            String text,
            String language,
            String address,
            Double latitude,
            Double longitude,
            Instant postedAt,
            Instant receivedAt,
            String url,
            String status,
            String caseReference,
            int photos,
            Triage triage) {

        /** With the text (and author) as given: redacted, or the original for those who may read it. */
        static MessageBody of(TriageView.Row row, String text) {
            Message m = row.message();
            return new MessageBody(
                    m.id().value(),
                    m.publicReference(),
                    m.channel(),
                    m.externalId(),
                    row.author(),
                    text,
                    m.language(),
                    m.address(),
                    m.location() == null ? null : m.location().latitude(),
                    m.location() == null ? null : m.location().longitude(),
                    m.postedAt(),
                    m.receivedAt(),
                    m.url(),
                    m.status().code(),
                    m.caseReference(),
                    m.mediaCount(),
                    row.triage() == null ? null : Triage.of(row));
        }
    }

    /**
     * What triage understood (absent until the message is triaged, seconds after it arrives).
     *
     * @param emergency the hazard found ({@code gas}, {@code fire}, ...) or null
     * @param service the service: corrected by staff when {@code corrected}, else the machine's
     * @param confidence the machine's confidence in its service (0 to 1)
     * @param needsHuman too unsure, not corrected yet
     * @param sentiment VADER compound, −1 to 1
     */
    record Triage(
            String language,
            String emergency,
            String service,
            Double confidence,
            boolean needsHuman,
            boolean corrected,
            Double sentiment) {

        static Triage of(TriageView.Row row) {
            var t = row.triage();
            return new Triage(
                    t.language(),
                    t.emergency() == null ? null : t.emergency().hazard(),
                    row.category(),
                    t.category() == null ? null : t.category().confidence(),
                    row.needsHuman(),
                    row.corrected(),
                    t.sentiment());
        }
    }

    record Page(List<MessageBody> messages, int limit, int offset, boolean more) {}

    @Operation(
            summary = "List messages, newest first",
            description = "Filters combine; a missing filter does not filter.")
    @GetMapping("/messages")
    Page list(
            @Parameter(description = "channel: web, email, sms, mastodon, bluesky, activitypub, open311, phone")
                    @RequestParam(required = false)
                    String channel,
            @Parameter(description = "new, in_case or dismissed") @RequestParam(required = false) String status,
            @Parameter(description = "received at or after this instant (ISO 8601, e.g. 2026-11-01T00:00:00Z)")
                    @RequestParam(required = false)
                    Instant since,
            @Parameter(description = "words in the text or address, or a message reference")
                    @RequestParam(name = "q", required = false)
                    String text,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(defaultValue = "0") int offset,
            Authentication user) {
        if (channel != null && !ChannelKind.isKnown(channel)) throw invalid("Unknown channel: " + channel);
        MessageStatus messageStatus = null;
        if (status != null) {
            try {
                messageStatus = MessageStatus.fromCode(status);
            } catch (IllegalArgumentException e) {
                throw invalid("Unknown status: " + status);
            }
        }
        if (limit < 1 || limit > MAX_LIMIT) throw invalid("limit must be between 1 and " + MAX_LIMIT);
        if (offset < 0 || offset > 1_000_000) throw invalid("offset must be between 0 and 1000000");
        if (text != null && text.length() > 200) throw invalid("q has at most 200 characters");
        var rows = messages.inbox(new InboxFilter(channel, messageStatus, text, since), limit + 1, offset);
        // lists carry the redacted text, as the inbox shows it
        var shown = rows.stream().limit(limit).toList();
        var body = triage.rows(shown, TriageView.mayReadPersonalData(user)).stream()
                .map(r -> MessageBody.of(r, r.text()))
                .toList();
        return new Page(body, limit, offset, rows.size() > limit);
    }

    @Operation(summary = "One message")
    @GetMapping("/messages/{id}")
    MessageBody one(@PathVariable UUID id, Authentication user) {
        boolean privileged = TriageView.mayReadPersonalData(user);
        return messages.find(new MessageId(id))
                .filter(m -> !m.retracted())
                .map(m -> {
                    var row = triage.row(m, privileged);
                    if (!privileged) return MessageBody.of(row, row.text());
                    // the original, for administrators and agents: audited as on the message page
                    audit.record(
                            user.getName(),
                            "message.original-viewed",
                            "message",
                            m.id().toString(),
                            java.util.Map.of("reference", m.publicReference(), "via", "api"));
                    return MessageBody.of(row, m.text());
                })
                .orElseThrow(() -> {
                    ProblemDetail problem =
                            ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No message with that id");
                    problem.setType(URI.create("https://civicloop.org/problems/not-found"));
                    problem.setTitle("Not found");
                    return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
                });
    }

    private static IllegalArgumentException invalid(String detail) {
        return new IllegalArgumentException(detail);
    }
}
