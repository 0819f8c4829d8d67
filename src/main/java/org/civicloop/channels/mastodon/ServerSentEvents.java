package org.civicloop.channels.mastodon;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Reads a {@code text/event-stream} (the WHATWG server-sent events format): {@code event:} and
 * {@code data:} fields, data spread over several lines joined with newlines, comments (Mastodon's
 * {@code :thump} heartbeat) reported apart, an event dispatched at each blank line.
 */
final class ServerSentEvents {

    record Event(String type, String data, String id) {}

    private ServerSentEvents() {}

    /**
     * Reads until the end of the stream, handing each event to {@code events} and signalling every
     * line (heartbeats included) to {@code alive}.
     */
    static void read(BufferedReader reader, Consumer<Event> events, Runnable alive) throws IOException {
        String type = null, id = null;
        StringBuilder data = null;
        String line;
        while ((line = reader.readLine()) != null) {
            alive.run();
            if (line.isEmpty()) {
                if (data != null) events.accept(new Event(type == null ? "message" : type, data.toString(), id));
                type = null;
                data = null;
                continue;
            }
            if (line.startsWith(":")) continue;
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) value = value.substring(1);
            switch (field) {
                case "event" -> type = value;
                case "data" -> {
                    if (data == null) data = new StringBuilder(value);
                    else data.append('\n').append(value);
                }
                case "id" -> {
                    if (!value.contains("\0")) id = value;
                }
                default -> {
                    // "retry" and unknown fields: ignored
                }
            }
        }
        // an event not closed by a blank line before the end is discarded, as the format says
    }
}
