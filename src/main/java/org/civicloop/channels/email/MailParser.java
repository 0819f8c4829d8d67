package org.civicloop.channels.email;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicloop.ingest.InboundMessage;
import org.civicloop.shared.ChannelKind;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One RFC 5322 message as the resident message it carries: who wrote it, their own words (from the
 * plain-text part, or the HTML one made plain; quoted history and signature stripped), the photos and
 * PDFs they attached, when they sent it and which earlier messages it answers. The raw payload keeps
 * the headers and the original text, quotes included.
 *
 * <p>Automatic mail (auto-replies, bounces, bulk mail) and the city's own mail are recognised and
 * not taken in: answering them could start a mail loop.
 */
final class MailParser {

    /** What a message turned out to be. */
    sealed interface Result {
        String externalId();
    }

    /** A resident's message, ready for the ingest path. */
    record Resident(InboundMessage message) implements Result {
        @Override
        public String externalId() {
            return message.externalId();
        }
    }

    /** A message that is not taken in, and why. {@code threadRefs} keeps its place in a thread. */
    record Skipped(String externalId, Reason reason, String detail, List<String> threadRefs) implements Result {}

    enum Reason {
        /** An auto-reply, a bounce or bulk mail: counted and logged, never answered. */
        AUTOMATIC,
        /** Sent by the city itself. */
        OWN,
        /** Not a message that can be read. */
        UNREADABLE
    }

    static final String HASH_PREFIX = "sha256:";
    private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]{1,900})>");
    private static final int MAX_TEXT = 100_000;
    private static final int MAX_HEADERS = 200;
    private static final int MAX_HEADER_VALUE = 4_000;
    private static final Set<String> MEDIA_EXTENSIONS =
            Set.of("jpg", "jpeg", "png", "gif", "webp", "heic", "heif", "tif", "tiff", "bmp", "pdf");

    private final Session session;
    private final ObjectMapper json;
    private final Set<String> ownAddresses;
    private final long maxAttachmentSize;
    private final int maxAttachments;
    private final long maxRawSize;

    MailParser(ObjectMapper json, EmailSettings settings) {
        this(
                json,
                settings.own(),
                settings.maxAttachmentSize().toBytes(),
                settings.maxAttachments(),
                settings.maxRawSize().toBytes());
    }

    MailParser(
            ObjectMapper json, Set<String> ownAddresses, long maxAttachmentSize, int maxAttachments, long maxRawSize) {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.decodefilename", "true");
        properties.setProperty("mail.mime.decodeparameters", "true");
        properties.setProperty("mail.mime.address.strict", "false");
        this.session = Session.getInstance(properties);
        this.json = json;
        this.ownAddresses = ownAddresses;
        this.maxAttachmentSize = maxAttachmentSize;
        this.maxAttachments = maxAttachments;
        this.maxRawSize = maxRawSize;
    }

    /**
     * Reads one message from its raw bytes.
     *
     * @param receivedAt when the mailbox received it (IMAP's internal date), or null
     * @param fallbackTime used as the posting time when the message has no usable Date and no receipt time
     */
    Result parse(byte[] raw, Instant receivedAt, Instant fallbackTime, String source) {
        MimeMessage mail;
        try {
            mail = new MimeMessage(session, new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            return new Skipped(hash(raw), Reason.UNREADABLE, "not a MIME message: " + e.getMessage(), List.of());
        }
        try {
            return read(mail, raw, receivedAt, fallbackTime, source);
        } catch (MessagingException | IOException | RuntimeException e) {
            return new Skipped(
                    externalId(mail, raw),
                    Reason.UNREADABLE,
                    e.getClass().getSimpleName() + ": " + e.getMessage(),
                    List.of());
        }
    }

    private Result read(MimeMessage mail, byte[] raw, Instant receivedAt, Instant fallbackTime, String source)
            throws MessagingException, IOException {
        String externalId = externalId(mail, raw);
        List<String> inReplyTo = ids(header(mail, "In-Reply-To"));
        List<String> references = new ArrayList<>(ids(header(mail, "References")));
        java.util.Collections.reverse(references);
        var refs = new ArrayList<String>(inReplyTo);
        references.stream().filter(r -> !refs.contains(r)).forEach(refs::add);

        InternetAddress from = firstAddress(mail, "From")
                .orElseGet(() -> firstAddress(mail, "Sender").orElse(null));
        String fromAddress = from == null || from.getAddress() == null
                ? null
                : from.getAddress().toLowerCase(Locale.ROOT);

        String automatic = automatic(mail, fromAddress);
        if (automatic != null) return new Skipped(externalId, Reason.AUTOMATIC, automatic, refs);
        if (fromAddress != null && ownAddresses.contains(fromAddress)) {
            return new Skipped(externalId, Reason.OWN, "sent by the city (" + fromAddress + ")", refs);
        }

        var content = new Content();
        collect(mail, content, 0);
        String body = content.plain.isEmpty()
                ? HtmlText.of(String.join("\n\n", content.html))
                : String.join("\n\n", content.plain);
        String own = QuoteStripper.strip(clean(body));
        String subject = subject(mail);
        String text;
        if (refs.isEmpty() && !subject.isBlank()) {
            text = own.isBlank() ? subject : subject + "\n\n" + own;
        } else {
            text = own.isBlank() ? subject : own;
        }
        if (text.isBlank()) {
            text = content.media.isEmpty()
                    ? "(no text)"
                    : "(attachments: "
                            + String.join(
                                    ", ",
                                    content.media.stream()
                                            .map(m -> m.fileName() == null ? m.contentType() : m.fileName())
                                            .toList())
                            + ")";
        }
        if (text.length() > MAX_TEXT) text = text.substring(0, MAX_TEXT) + "…";

        Instant postedAt = sentDate(mail);
        if (postedAt == null) postedAt = receivedAt != null ? receivedAt : fallbackTime;
        String name = from == null ? null : blankToNull(clean(from.getPersonal()));
        String contactAddress = firstAddress(mail, "Reply-To")
                .map(InternetAddress::getAddress)
                .filter(a -> a.contains("@"))
                .map(a -> a.toLowerCase(Locale.ROOT))
                .orElse(fromAddress);
        String language = header(mail, "Content-Language");
        if (language != null) {
            language = language.split(",")[0].strip().toLowerCase(Locale.ROOT);
            if (!language.matches("[a-z]{2,3}(-[a-z0-9]{2,8})*")) language = null;
        }

        var message = new InboundMessage(
                ChannelKind.EMAIL,
                externalId,
                fromAddress,
                name,
                text,
                language,
                postedAt,
                inReplyTo.isEmpty() ? null : inReplyTo.get(0),
                null,
                null,
                null,
                contactAddress == null ? null : new InboundMessage.Contact(contactAddress, null),
                content.media,
                rawPayload(mail, raw, subject, content, source));
        return new Resident(message.inThreadOf(refs));
    }

    /** Why a message was written by a machine rather than a person, or null when it was not. */
    static String automatic(MimeMessage mail, String fromAddress) throws MessagingException {
        String autoSubmitted = header(mail, "Auto-Submitted");
        if (autoSubmitted != null
                && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return "Auto-Submitted: " + autoSubmitted.strip();
        }
        String precedence = header(mail, "Precedence");
        if (precedence != null
                && Set.of("bulk", "junk", "list", "auto_reply", "auto-reply")
                        .contains(precedence.strip().toLowerCase(Locale.ROOT))) {
            return "Precedence: " + precedence.strip();
        }
        for (String name : List.of("X-Autoreply", "X-Autorespond", "X-Auto-Reply", "X-Failed-Recipients")) {
            if (header(mail, name) != null) return name;
        }
        String type = mail.getContentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/report")) return "delivery report";
        if (fromAddress != null) {
            String local = fromAddress.contains("@") ? fromAddress.substring(0, fromAddress.indexOf('@')) : fromAddress;
            if (local.equals("mailer-daemon")
                    || local.equals("postmaster")
                    || local.startsWith("noreply")
                    || local.startsWith("no-reply")
                    || local.startsWith("do-not-reply")
                    || local.startsWith("donotreply")) {
                return "sent from " + fromAddress;
            }
        }
        String returnPath = header(mail, "Return-Path");
        if (returnPath != null && returnPath.strip().equals("<>")) return "empty Return-Path (a bounce)";
        return null;
    }

    /** The Message-ID without its angle brackets, or a hash of the whole message when it has none. */
    static String externalId(MimeMessage mail, byte[] raw) {
        try {
            List<String> ids = ids(header(mail, "Message-ID"));
            if (!ids.isEmpty()) return ids.get(0);
            String bare = header(mail, "Message-ID");
            if (bare != null
                    && !bare.isBlank()
                    && bare.strip().length() <= 900
                    && !bare.strip().contains(" ")) {
                return bare.strip();
            }
        } catch (MessagingException e) {
            // a header that cannot be read: identified by its content instead
        }
        return hash(raw);
    }

    /** Message ids in a header ({@code <a@b> <c@d>}), without brackets, in order. */
    static List<String> ids(String header) {
        if (header == null || header.isBlank()) return List.of();
        var ids = new ArrayList<String>();
        Matcher m = MESSAGE_ID.matcher(header.replaceAll("\\s+", " "));
        while (m.find()) {
            if (!ids.contains(m.group(1))) ids.add(m.group(1));
        }
        return ids;
    }

    /** The normal form of a message id as it may be written in a header or a form: no brackets, no spaces. */
    static String normalise(String id) {
        if (id == null) return null;
        List<String> ids = ids(id);
        String bare = ids.isEmpty() ? id.strip() : ids.get(0);
        return bare.isEmpty() ? null : bare;
    }

    static String hash(byte[] raw) {
        try {
            return HASH_PREFIX
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the message contains that CivicLoop keeps. */
    private final class Content {
        final List<String> plain = new ArrayList<>();
        final List<String> html = new ArrayList<>();
        final List<InboundMessage.Media> media = new ArrayList<>();
        final List<Map<String, Object>> attachments = new ArrayList<>();
    }

    private void collect(Part part, Content content, int depth) throws MessagingException, IOException {
        if (depth > 20) return;
        String type = baseType(part);
        String disposition = disposition(part);
        String fileName = fileName(part);
        boolean attachment =
                Part.ATTACHMENT.equals(disposition) || (fileName != null && !type.startsWith("multipart/"));
        if (type.startsWith("multipart/")) {
            Multipart multipart = multipart(part);
            if (multipart == null) return;
            if (type.equals("multipart/alternative")) {
                // the same text in several forms: plain text if there is one, otherwise the richest other
                Content plain = null;
                Content other = null;
                for (int i = 0; i < multipart.getCount(); i++) {
                    var alternative = new Content();
                    collect(multipart.getBodyPart(i), alternative, depth + 1);
                    content.media.addAll(alternative.media);
                    content.attachments.addAll(alternative.attachments);
                    if (!alternative.plain.isEmpty()) {
                        if (plain == null) plain = alternative;
                    } else if (!alternative.html.isEmpty()) {
                        other = alternative; // the last is the richest (RFC 2046)
                    }
                }
                if (plain != null) content.plain.addAll(plain.plain);
                else if (other != null) content.html.addAll(other.html);
                return;
            }
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, content, depth + 1);
            }
            return;
        }
        if (!attachment && type.equals("text/plain")) {
            content.plain.add(text(part));
        } else if (!attachment && type.equals("text/html")) {
            content.html.add(text(part));
        } else if (!attachment && (type.startsWith("text/") || type.equals("message/delivery-status"))) {
            // text/enriched, calendars…: kept in the raw payload only
            note(content, fileName, type, -1, "not a text CivicLoop shows");
        } else {
            keepMedia(part, type, fileName, content);
        }
    }

    private void keepMedia(Part part, String type, String fileName, Content content)
            throws MessagingException, IOException {
        String mediaType = mediaType(type, fileName);
        if (mediaType == null) {
            note(content, fileName, type, -1, "not an image or PDF");
            return;
        }
        if (content.media.size() >= maxAttachments) {
            note(content, fileName, type, -1, "more than " + maxAttachments + " attachments");
            return;
        }
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxAttachmentSize + 1));
        }
        if (bytes.length > maxAttachmentSize) {
            note(content, fileName, type, bytes.length, "larger than " + maxAttachmentSize + " bytes");
            return;
        }
        if (bytes.length == 0) {
            note(content, fileName, type, 0, "empty");
            return;
        }
        content.media.add(new InboundMessage.Media(mediaType, fileName, bytes));
        note(content, fileName, mediaType, bytes.length, null);
    }

    /** The content type to keep an attachment under, or null when it is not an image or a PDF. */
    static String mediaType(String type, String fileName) {
        if (type.startsWith("image/") || type.equals("application/pdf")) return type;
        if (fileName != null && (type.equals("application/octet-stream") || type.isEmpty())) {
            String extension = fileName.contains(".")
                    ? fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)
                    : "";
            if (MEDIA_EXTENSIONS.contains(extension)) {
                return switch (extension) {
                    case "jpg", "jpeg" -> "image/jpeg";
                    case "tif" -> "image/tiff";
                    case "pdf" -> "application/pdf";
                    default -> "image/" + extension;
                };
            }
        }
        return null;
    }

    private static void note(Content content, String fileName, String type, long size, String skipped) {
        var entry = new LinkedHashMap<String, Object>();
        entry.put("fileName", fileName);
        entry.put("contentType", type);
        if (size >= 0) entry.put("size", size);
        entry.put("kept", skipped == null);
        if (skipped != null) entry.put("reason", skipped);
        content.attachments.add(entry);
    }

    /** A text part's text, in its declared charset (UTF-8 or Windows-1252 when it declares none or a wrong one). */
    static String text(Part part) throws MessagingException, IOException {
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readNBytes(8 * 1024 * 1024);
        }
        String charset = null;
        String flowed = null;
        String delsp = null;
        try {
            var type = new ContentType(part.getContentType());
            charset = type.getParameter("charset");
            flowed = type.getParameter("format");
            delsp = type.getParameter("delsp");
        } catch (ParseException | NullPointerException e) {
            // no usable Content-Type: guessed below
        }
        String text = decode(bytes, charset);
        if ("flowed".equalsIgnoreCase(flowed)) text = unflow(text, "yes".equalsIgnoreCase(delsp));
        return text;
    }

    static String decode(byte[] bytes, String declared) {
        if (declared != null) {
            try {
                return new String(bytes, Charset.forName(MimeUtility.javaCharset(declared.strip())));
            } catch (RuntimeException e) {
                // unknown charset: guessed below
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, Charset.forName("windows-1252"));
        }
    }

    /** RFC 3676: soft line breaks (a line ending in a space) join the next line. */
    static String unflow(String text, boolean delSp) {
        var out = new StringBuilder();
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        for (String line : lines) {
            if (line.startsWith(" ")) line = line.substring(1); // space-stuffing
            boolean soft = line.endsWith(" ") && !line.equals("-- ");
            if (soft) out.append(delSp ? line.substring(0, line.length() - 1) : line);
            else out.append(line).append('\n');
        }
        return out.toString();
    }

    private String rawPayload(MimeMessage mail, byte[] raw, String subject, Content content, String source)
            throws MessagingException {
        ObjectNode root = json.createObjectNode();
        ObjectNode headers = root.putObject("headers");
        int count = 0;
        for (Enumeration<Header> all = mail.getAllHeaders(); all.hasMoreElements() && count < MAX_HEADERS; count++) {
            Header header = all.nextElement();
            String value =
                    header.getValue() == null ? "" : clean(header.getValue().replaceAll("\\r?\\n[ \\t]*", " "));
            if (value.length() > MAX_HEADER_VALUE) value = value.substring(0, MAX_HEADER_VALUE) + "…";
            ArrayNode values = headers.has(header.getName())
                    ? (ArrayNode) headers.get(header.getName())
                    : headers.putArray(header.getName());
            values.add(value);
        }
        root.put("subject", subject);
        if (source != null) root.put("source", source);
        root.put("size", raw.length);
        String eml = clean(emlText(raw, maxRawSize));
        root.put("eml", eml);
        root.put("truncated", raw.length > maxRawSize);
        ArrayNode attachments = root.putArray("attachments");
        content.attachments.forEach(a -> attachments.add(json.valueToTree(a)));
        return json.writeValueAsString(root);
    }

    /** The original message as text: UTF-8 when it is, otherwise byte for byte (ISO-8859-1). */
    static String emlText(byte[] raw, long max) {
        byte[] kept = raw.length > max ? java.util.Arrays.copyOf(raw, (int) max) : raw;
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(kept))
                    .toString();
        } catch (CharacterCodingException e) {
            if (raw.length > max) {
                // cut inside a UTF-8 sequence, perhaps: decode leniently
                String lenient = new String(kept, StandardCharsets.UTF_8);
                if (!lenient.substring(0, Math.max(0, lenient.length() - 4)).contains("\uFFFD")) return lenient;
            }
            return new String(kept, StandardCharsets.ISO_8859_1);
        }
    }

    static String subject(MimeMessage mail) {
        try {
            String subject = mail.getSubject();
            return subject == null ? "" : clean(subject).replaceAll("\\s+", " ").strip();
        } catch (MessagingException e) {
            return "";
        }
    }

    private static Instant sentDate(MimeMessage mail) {
        try {
            Date date = mail.getSentDate();
            return date == null ? null : date.toInstant();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static java.util.Optional<InternetAddress> firstAddress(MimeMessage mail, String name) {
        try {
            String value = header(mail, name);
            if (value == null || value.isBlank()) return java.util.Optional.empty();
            Address[] addresses = InternetAddress.parseHeader(MimeUtility.unfold(value), false);
            for (Address address : addresses) {
                if (address instanceof InternetAddress internet && internet.getAddress() != null) {
                    return java.util.Optional.of(internet);
                }
            }
        } catch (AddressException e) {
            // an unreadable address: treated as absent
        } catch (MessagingException e) {
            // idem
        }
        return java.util.Optional.empty();
    }

    static String header(MimeMessage mail, String name) throws MessagingException {
        return mail.getHeader(name, ",");
    }

    private static String baseType(Part part) {
        try {
            String type = part.getContentType();
            if (type == null) return "text/plain";
            return new ContentType(type).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            return "application/octet-stream";
        }
    }

    private static String disposition(Part part) {
        try {
            String disposition = part.getDisposition();
            return disposition == null ? null : disposition.toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static String fileName(Part part) {
        try {
            String name = part.getFileName();
            if (name == null || name.isBlank()) return null;
            name = clean(MimeUtility.decodeText(name))
                    .replaceAll("[\\\\/]", "_")
                    .strip();
            return name.length() > 200 ? name.substring(name.length() - 200) : name;
        } catch (MessagingException | IOException | RuntimeException e) {
            return null;
        }
    }

    private static Multipart multipart(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        return content instanceof Multipart multipart ? multipart : null;
    }

    /** Text PostgreSQL accepts and staff can read: no NUL, no other control characters but tabs and line breaks. */
    static String clean(String text) {
        if (text == null) return null;
        return text.replaceAll("[\\p{Cc}&&[^\\n\\r\\t]]", "");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The bytes of a message as they would be written to a file. */
    static byte[] bytes(jakarta.mail.Message message) throws MessagingException, IOException {
        var out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }
}
