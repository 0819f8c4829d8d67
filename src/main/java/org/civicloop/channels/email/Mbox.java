package org.civicloop.channels.email;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the messages of an mbox file (mboxo and mboxrd): a message starts at a line beginning with
 * {@code "From "} at the start of the file or after an empty line; body lines that were escaped as
 * {@code ">From "} (or {@code ">>From "}…) lose one {@code >}. Messages are handed over one at a
 * time, as the bytes of an RFC 5322 message, so a large mailbox is never read whole into memory.
 */
final class Mbox {

    /** A message larger than this is reported as unreadable rather than read into memory. */
    static final int MAX_MESSAGE = 64 * 1024 * 1024;

    private static final byte[] FROM = "From ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    interface MessageHandler {
        /** One message; {@code bytes} is null when it was larger than {@link #MAX_MESSAGE}. */
        void message(int index, byte[] bytes) throws IOException;
    }

    private Mbox() {}

    /** Whether a file is an mbox (it starts with a {@code "From "} line) rather than a single message. */
    static boolean isMbox(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(FROM.length), FROM);
        }
    }

    /** How many messages the file holds. */
    static int count(Path file) throws IOException {
        int[] count = {0};
        try (InputStream in = Files.newInputStream(file)) {
            scan(in, null, (index, bytes) -> count[0]++);
        }
        return count[0];
    }

    static void read(InputStream in, MessageHandler handler) throws IOException {
        scan(in, new ByteArrayOutputStream(), handler);
    }

    /** With {@code buffer} null, only finds the separators (counting). */
    private static void scan(InputStream raw, ByteArrayOutputStream buffer, MessageHandler handler) throws IOException {
        var in = new BufferedInputStream(raw, 64 * 1024);
        boolean previousEmpty = true;
        boolean inMessage = false;
        boolean tooLarge = false;
        int index = 0;
        byte[] line;
        while ((line = readLine(in)) != null) {
            boolean separator = previousEmpty && startsWith(line, FROM, 0);
            if (separator) {
                if (inMessage) finish(buffer, tooLarge, index++, handler);
                inMessage = true;
                tooLarge = false;
                if (buffer != null) buffer.reset();
                previousEmpty = false;
                continue;
            }
            previousEmpty = isEmpty(line);
            if (!inMessage || buffer == null || tooLarge) continue;
            if (buffer.size() + line.length > MAX_MESSAGE) {
                tooLarge = true;
                buffer.reset();
                continue;
            }
            int quotes = 0;
            while (quotes < line.length && line[quotes] == '>') quotes++;
            if (quotes > 0 && startsWith(line, FROM, quotes)) buffer.write(line, 1, line.length - 1);
            else buffer.write(line, 0, line.length);
        }
        if (inMessage) finish(buffer, tooLarge, index, handler);
    }

    private static void finish(ByteArrayOutputStream buffer, boolean tooLarge, int index, MessageHandler handler)
            throws IOException {
        if (buffer == null) {
            handler.message(index, null);
            return;
        }
        if (tooLarge) {
            handler.message(index, null);
            return;
        }
        byte[] bytes = buffer.toByteArray();
        // the empty line before the next separator belongs to the mbox format, not to the message
        int end = bytes.length;
        if (end >= 2 && bytes[end - 1] == '\n' && bytes[end - 2] == '\n') end -= 1;
        else if (end >= 4 && bytes[end - 1] == '\n' && bytes[end - 2] == '\r' && bytes[end - 3] == '\n') end -= 2;
        handler.message(index, end == bytes.length ? bytes : Arrays.copyOf(bytes, end));
    }

    /** The next line with its terminator, or null at the end. */
    private static byte[] readLine(BufferedInputStream in) throws IOException {
        var line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') break;
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    private static boolean isEmpty(byte[] line) {
        return line.length == 0
                || (line.length == 1 && line[0] == '\n')
                || (line.length == 2 && line[0] == '\r' && line[1] == '\n');
    }

    private static boolean startsWith(byte[] line, byte[] prefix, int offset) {
        if (line.length - offset < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if (line[offset + i] != prefix[i]) return false;
        }
        return true;
    }
}
