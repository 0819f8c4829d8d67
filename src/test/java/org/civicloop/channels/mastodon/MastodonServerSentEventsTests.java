package org.civicloop.channels.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The server-sent events format, on Mastodon's real stream and on the format's corner cases. */
class MastodonServerSentEventsTests {

    @Test
    void theRealStreamGivesOneEventPerEventLine() throws IOException {
        List<String> lines = Files.readAllLines(MastodonData.streamingEvents());
        Map<String, Long> expected = lines.stream()
                .filter(l -> l.startsWith("event:"))
                .collect(Collectors.groupingBy(l -> l.substring(6).strip(), TreeMap::new, Collectors.counting()));
        assertThat(expected.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(26);

        var events = new ArrayList<ServerSentEvents.Event>();
        try (var reader = Files.newBufferedReader(MastodonData.streamingEvents())) {
            ServerSentEvents.read(reader, events::add, () -> {});
        }
        Map<String, Long> parsed = events.stream()
                .collect(Collectors.groupingBy(ServerSentEvents.Event::type, TreeMap::new, Collectors.counting()));
        assertThat(parsed).isEqualTo(expected);
        assertThat(events)
                .filteredOn(e -> e.type().equals("delete"))
                .allMatch(e -> e.data().matches("\\d+"));
        assertThat(events)
                .filteredOn(e -> e.type().equals("update"))
                .allMatch(e -> e.data().startsWith("{\"id\":"));
    }

    @Test
    void multiLineDataCommentsAndLineEndingsFollowTheFormat() throws IOException {
        // the last event id is kept for the following events, as the format says
        String stream = ":thump\r\n\r\nevent: update\r\ndata: {\"a\":\r\ndata:1}\r\nid: 9\r\n\r\n"
                + ":thump\n\ndata: plain\n\nevent: delete\ndata: 5\n\nevent: update\ndata: cut off";
        var events = new ArrayList<ServerSentEvents.Event>();
        var alive = new AtomicInteger();
        ServerSentEvents.read(new BufferedReader(new StringReader(stream)), events::add, alive::incrementAndGet);
        assertThat(events)
                .containsExactly(
                        new ServerSentEvents.Event("update", "{\"a\":\n1}", "9"),
                        new ServerSentEvents.Event("message", "plain", "9"),
                        new ServerSentEvents.Event("delete", "5", "9"));
        assertThat(alive.get()).isEqualTo(16);
    }
}
