package org.civicloop.channels.sms;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The keywords carriers and providers honour on every SMS number: a whole message (trimmed, any
 * case) that is one of these words is an instruction to the channel, not something said to the
 * city. "Stop texting" is a message; "stop" is an opt-out.
 */
enum SmsKeyword {
    /** Never text this number again until it sends START. */
    STOP(Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT")),
    /** Texts may be sent again. */
    START(Set.of("START", "YES", "UNSTOP")),
    /** Answer with what this number is and how to stop it. */
    HELP(Set.of("HELP", "INFO"));

    private final Set<String> words;

    SmsKeyword(Set<String> words) {
        this.words = words;
    }

    Set<String> words() {
        return words;
    }

    /** The keyword a whole message is, if it is one. */
    static Optional<SmsKeyword> of(String body) {
        if (body == null) return Optional.empty();
        String word = body.strip().toUpperCase(Locale.ROOT);
        for (SmsKeyword keyword : values()) {
            if (keyword.words.contains(word)) return Optional.of(keyword);
        }
        return Optional.empty();
    }
}
