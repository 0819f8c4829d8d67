package org.civicloop.triage.sentiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The word list VADER scores with: token → mean valence (−4…+4), and emoji → the words it stands
 * for. Read from the classpath:
 *
 * <ul>
 *   <li>{@value #LEXICON}: the VADER lexicon as published on Maven Central in
 *       {@code com.github.apanimesh061:vader-sentiment-analyzer:1.0}, unpacked from that artifact at
 *       build time (see {@code pom.xml} and ADR 0015). Its lines are CRLF-terminated and two are in
 *       ISO-8859-1; each line is read as UTF-8 if it is valid UTF-8, otherwise as ISO-8859-1.
 *   <li>{@value #AMENDMENTS}: the changes that turn that (older) list into the one of
 *       vaderSentiment 3.3.2 — added, re-rated and removed tokens.
 *   <li>{@value #EMOJI}: the emoji of vaderSentiment 3.3.2's {@code emoji_utf8_lexicon.txt} that its
 *       scorer can ever translate (those of one code point), with their descriptions.
 * </ul>
 *
 * Tokens are kept as written (the reference looks them up in lower case, so a token with a capital,
 * like {@code :P}, is never matched — as in the reference).
 */
final class VaderLexicon {

    static final String LEXICON = "vader_sentiment_lexicon.txt";
    static final String AMENDMENTS = "vader-lexicon-amendments.tsv";
    static final String EMOJI = "vader-emoji.tsv";

    private final Map<String, Double> valences;
    private final Map<Integer, String> emoji;

    VaderLexicon(Map<String, Double> valences, Map<Integer, String> emoji) {
        this.valences = Map.copyOf(valences);
        this.emoji = Map.copyOf(emoji);
    }

    /** The lexicon shipped with CivicLoop (classpath resources beside this class). */
    static VaderLexicon shipped() {
        var valences = new HashMap<String, Double>();
        for (String line : lines(LEXICON)) put(valences, line, false);
        for (String line : lines(AMENDMENTS)) put(valences, line, true);
        var emoji = new HashMap<Integer, String>();
        for (String line : lines(EMOJI)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] fields = line.strip().split("\t");
            if (fields.length < 2 || fields[0].codePointCount(0, fields[0].length()) != 1) {
                throw new IllegalStateException(EMOJI + ": not 'one emoji<TAB>description': " + line);
            }
            emoji.put(fields[0].codePointAt(0), fields[1]);
        }
        return new VaderLexicon(valences, emoji);
    }

    /** The valence of a token as written, or null when it is not in the lexicon. */
    Double valence(String token) {
        return valences.get(token);
    }

    boolean contains(String token) {
        return valences.containsKey(token);
    }

    /** The words an emoji (one code point) stands for, or null. */
    String emoji(int codePoint) {
        return emoji.get(codePoint);
    }

    Map<String, Double> valences() {
        return valences;
    }

    Map<Integer, String> emoji() {
        return emoji;
    }

    private static void put(Map<String, Double> valences, String line, boolean amendment) {
        String stripped = line.strip();
        if (stripped.isEmpty() || (amendment && stripped.startsWith("#"))) return;
        String[] fields = stripped.split("\t");
        if (fields.length < 2) throw new IllegalStateException("not 'token<TAB>valence': " + line);
        if (amendment && fields[1].equals("-")) valences.remove(fields[0]);
        else valences.put(fields[0], Double.parseDouble(fields[1]));
    }

    private static String[] lines(String resource) {
        try (InputStream in = VaderLexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource + " beside "
                        + VaderLexicon.class.getName() + " (the build unpacks the lexicon: run ./mvnw compile)");
            }
            byte[] bytes = in.readAllBytes();
            var result = new java.util.ArrayList<String>();
            int start = 0;
            for (int i = 0; i <= bytes.length; i++) {
                if (i == bytes.length || bytes[i] == '\n') {
                    if (i > start) result.add(decode(bytes, start, i - start));
                    start = i + 1;
                }
            }
            return result.toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** UTF-8 when the bytes are valid UTF-8, else ISO-8859-1 (what the older lexicon has in two lines). */
    private static String decode(byte[] bytes, int offset, int length) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
    }
}
