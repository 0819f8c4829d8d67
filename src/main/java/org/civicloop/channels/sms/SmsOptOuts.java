package org.civicloop.channels.sms;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who asked not to be texted, keyed by E.164 phone number, with when and why. The SMS sender asks
 * {@link #isOptedOut} right before every send.
 */
@Repository
class SmsOptOuts {

    private final JdbcClient jdbc;

    SmsOptOuts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a keyword a number sent and, for STOP and START, changes the number's state. The
     * provider retries webhooks with the same message id: a keyword already recorded changes
     * nothing, so a late retry of an old STOP cannot undo a newer START. Answers whether it was new.
     */
    boolean record(String phone, SmsKeyword keyword, String messageSid, Instant at) {
        int inserted = jdbc.sql("""
                INSERT INTO sms_keyword_event (message_sid, phone, keyword, received_at)
                VALUES (:sid, :phone, :keyword, :at)
                ON CONFLICT (message_sid) DO NOTHING
                """)
                .param("sid", messageSid)
                .param("phone", phone)
                .param("keyword", keyword.name())
                .param("at", Timestamp.from(at))
                .update();
        if (inserted == 0) return false;
        if (keyword == SmsKeyword.STOP || keyword == SmsKeyword.START) {
            setState(phone, keyword == SmsKeyword.STOP, keyword.name(), messageSid, at, "keyword from the resident");
        }
        return true;
    }

    /** The provider refused to text a number because it opted out there (e.g. Twilio error 21610). */
    void recordProviderOptOut(String phone, Instant at, String reason) {
        setState(phone, true, "PROVIDER", null, at, reason);
    }

    boolean isOptedOut(String phone) {
        return jdbc.sql("SELECT opted_out FROM sms_opt_out WHERE phone = :phone")
                .param("phone", phone)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /** When and why a number last changed state. */
    Optional<String> lastKeyword(String phone) {
        return jdbc.sql("SELECT keyword FROM sms_opt_out WHERE phone = :phone")
                .param("phone", phone)
                .query(String.class)
                .optional();
    }

    private void setState(String phone, boolean optedOut, String keyword, String sid, Instant at, String reason) {
        jdbc.sql("""
                INSERT INTO sms_opt_out (phone, opted_out, keyword, message_sid, changed_at, reason)
                VALUES (:phone, :optedOut, :keyword, :sid, :at, :reason)
                ON CONFLICT (phone) DO UPDATE SET opted_out = EXCLUDED.opted_out, keyword = EXCLUDED.keyword,
                    message_sid = EXCLUDED.message_sid, changed_at = EXCLUDED.changed_at, reason = EXCLUDED.reason
                """)
                .param("phone", phone)
                .param("optedOut", optedOut)
                .param("keyword", keyword)
                .param("sid", sid)
                .param("at", Timestamp.from(at))
                .param("reason", reason)
                .update();
    }
}
