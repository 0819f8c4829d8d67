package org.civicloop.console;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.civicloop.ingest.InboxFilter;
import org.civicloop.ingest.Message;
import org.civicloop.ingest.MessageManagement;
import org.civicloop.ingest.MessageStatus;
import org.civicloop.shared.ChannelKind;
import org.civicloop.triage.TriageFilter;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The unified inbox: every resident message from every channel, newest first. */
@Controller
class InboxController {

    static final int PAGE_SIZE = 50;
    private final MessageManagement messages;
    private final InboxBroadcaster broadcaster;
    private final TriageView triage;

    InboxController(MessageManagement messages, InboxBroadcaster broadcaster, TriageView triage) {
        this.messages = messages;
        this.broadcaster = broadcaster;
        this.triage = triage;
    }

    @GetMapping("/console")
    String console() {
        return "redirect:/console/inbox";
    }

    @GetMapping("/console/inbox")
    String inbox(
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) String status,
            @RequestParam(name = "q", required = false) String text,
            @RequestParam(name = "triage", required = false) String triageView,
            @RequestParam(defaultValue = "0") int page,
            HttpServletRequest request,
            org.springframework.security.core.Authentication user,
            Model model) {
        String channelFilter = ChannelKind.isKnown(channel) ? channel.strip().toLowerCase(java.util.Locale.ROOT) : null;
        MessageStatus statusFilter = parseStatus(status);
        String q = text == null ? null : (text.length() > 200 ? text.substring(0, 200) : text);
        int safePage = Math.max(0, Math.min(page, 10_000));
        TriageFilter triageFilter = TriageFilter.fromCode(triageView);
        List<Message> rows;
        if (triageFilter == null) {
            rows = messages.inbox(new InboxFilter(channelFilter, statusFilter, q), PAGE_SIZE + 1, safePage * PAGE_SIZE);
        } else {
            // the triage view picks the messages; the other filters narrow that page down
            rows = triage.messagesIn(triageFilter, PAGE_SIZE + 1, safePage * PAGE_SIZE).stream()
                    .filter(m -> channelFilter == null || channelFilter.equals(m.channel()))
                    .filter(m -> statusFilter == null || statusFilter == m.status())
                    .filter(m -> q == null
                            || m.text()
                                    .toLowerCase(Locale.ROOT)
                                    .contains(q.strip().toLowerCase(Locale.ROOT))
                            || q.strip().equalsIgnoreCase(m.publicReference()))
                    .toList();
        }
        var shown = rows.subList(0, Math.min(rows.size(), PAGE_SIZE));
        model.addAttribute("messages", shown);
        model.addAttribute("rows", triage.rows(shown, TriageView.mayReadPersonalData(user)));
        model.addAttribute("services", triage.serviceNames());
        model.addAttribute("triage", triageFilter == null ? null : triageFilter.code());
        model.addAttribute("triageFilters", TriageFilter.values());
        model.addAttribute("hasNext", rows.size() > PAGE_SIZE);
        model.addAttribute("page", safePage);
        model.addAttribute("channel", channelFilter);
        model.addAttribute("status", statusFilter == null ? null : statusFilter.code());
        model.addAttribute("q", q);
        model.addAttribute("channels", ChannelKind.values());
        model.addAttribute("statuses", MessageStatus.values());
        model.addAttribute("counts", messages.countByStatus());
        boolean htmx =
                "true".equals(request.getHeader("HX-Request")) && !"true".equals(request.getHeader("HX-Boosted"));
        return htmx ? "console/partials/inbox-rows :: rows" : "console/inbox";
    }

    @GetMapping(path = "/console/inbox/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream() {
        return broadcaster.connect();
    }

    private static MessageStatus parseStatus(String status) {
        if (status == null || status.isBlank()) return null;
        try {
            return MessageStatus.fromCode(status);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
