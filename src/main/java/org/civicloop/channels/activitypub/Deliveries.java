package org.civicloop.channels.activitypub;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signed deliveries to remote inboxes ({@code Digest} + a draft-cavage {@code Signature} over
 * {@code (request-target) host date digest}, RSA-SHA256 with the account's key), through
 * {@link SafeHttp}. Every delivery is recorded in {@code activitypub_delivery}; Accepts of follows are
 * queued there and sent by {@link #deliverDue}, retried with backoff (5 s doubling, at most an hour,
 * ten attempts); replies are sent at once by the reply sender, which the outbox retries.
 */
@Component
@ConditionalOnProperty(name = "civicloop.channels.activitypub.enabled", havingValue = "true")
class Deliveries {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);
    static final String CONTENT_TYPE = "application/activity+json";
    static final int MAX_ATTEMPTS = 10;

    /** The remote inbox answered something other than 2xx. */
    static final class DeliveryFailedException extends IOException {
        final int status;

        DeliveryFailedException(String inbox, int status) {
            super(inbox + " answered " + status);
            this.status = status;
        }

        /** 4xx other than 408 and 429: sending the same again will not help. */
        boolean permanent() {
            return status >= 400 && status < 500 && status != 408 && status != 429;
        }
    }

    private final JdbcClient jdbc;
    private final SafeHttp http;
    private final ActorKeys keys;
    private final ActivityPubUrls urls;
    private final ActivityPubHealth health;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Deliveries(
            JdbcClient jdbc,
            SafeHttp http,
            ActorKeys keys,
            ActivityPubUrls urls,
            ActivityPubHealth health,
            TransactionTemplate transactions,
            Clock clock) {
        this.jdbc = jdbc;
        this.http = http;
        this.keys = keys;
        this.urls = urls;
        this.health = health;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Signs requests as {@code account}: Date, Digest (with a body) and Signature. */
    SafeHttp.Signer signer(String account) {
        return (method, uri, body) -> {
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            Map<String, List<String>> headers = new LinkedHashMap<>();
            headers.put("host", List.of(hostHeader(uri)));
            headers.put("date", List.of(HttpSignatures.httpDate(clock.instant())));
            boolean post = method.equalsIgnoreCase("POST");
            if (post) headers.put("digest", List.of(HttpSignatures.digest(body)));
            var request = new HttpSignatures.Request(method, target.isEmpty() ? "/" : target, headers, body);
            List<String> signed = post
                    ? List.of("(request-target)", "host", "date", "digest")
                    : List.of("(request-target)", "host", "date");
            String signature;
            try {
                signature = HttpSignatures.sign(request, urls.keyId(account), keys.privateKey(account), signed);
            } catch (HttpSignatures.HttpSignatureException e) {
                throw new IOException(e.getMessage(), e);
            }
            Map<String, String> out = new LinkedHashMap<>();
            out.put("Date", request.header("date"));
            if (post) out.put("Digest", request.header("digest"));
            out.put("Signature", signature);
            return out;
        };
    }

    /** The Host header the JDK client sends for a URI (the port only when the URI has one). */
    static String hostHeader(URI uri) {
        return uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    /** POSTs a document to an inbox, signed as the account; throws unless the inbox answered 2xx. */
    void post(String account, String inbox, String document) throws IOException, InterruptedException {
        SafeHttp.Response response =
                http.post(URI.create(inbox), CONTENT_TYPE, document.getBytes(StandardCharsets.UTF_8), signer(account));
        if (!response.ok()) throw new DeliveryFailedException(inbox, response.status());
    }

    /** Queues a delivery (once per kind, reference and inbox) for {@link #deliverDue}. */
    void enqueue(String account, String kind, String reference, String inbox, String document) {
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO activitypub_delivery (id, account, kind, reference, inbox, document, status,
                    next_attempt_at, created_at, updated_at)
                VALUES (:id, :account, :kind, :reference, :inbox, :document, 'pending', :now, :now, :now)
                ON CONFLICT (kind, reference, inbox) DO NOTHING
                """)
                .param("id", UUID.randomUUID())
                .param("account", account)
                .param("kind", kind)
                .param("reference", reference)
                .param("inbox", inbox)
                .param("document", document)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Whether this delivery already went through. */
    boolean delivered(String kind, String reference, String inbox) {
        return jdbc.sql("""
                SELECT count(*) FROM activitypub_delivery
                WHERE kind = :kind AND reference = :reference AND inbox = :inbox AND status = 'sent'
                """)
                        .param("kind", kind)
                        .param("reference", reference)
                        .param("inbox", inbox)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Records how a delivery made at once (a reply) went. */
    void record(
            String account, String kind, String reference, String inbox, String document, String status, String error) {
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO activitypub_delivery (id, account, kind, reference, inbox, document, status, attempts,
                    last_error, next_attempt_at, created_at, updated_at)
                VALUES (:id, :account, :kind, :reference, :inbox, :document, :status, 1, :error, :now, :now, :now)
                ON CONFLICT (kind, reference, inbox) DO UPDATE SET status = EXCLUDED.status,
                    attempts = activitypub_delivery.attempts + 1, last_error = EXCLUDED.last_error,
                    document = EXCLUDED.document, updated_at = EXCLUDED.updated_at
                """)
                .param("id", UUID.randomUUID())
                .param("account", account)
                .param("kind", kind)
                .param("reference", reference)
                .param("inbox", inbox)
                .param("document", document)
                .param("status", status)
                .param("error", error == null ? null : error.substring(0, Math.min(500, error.length())))
                .param("now", Timestamp.from(now))
                .update();
    }

    private record Due(UUID id, String account, String inbox, String document, int attempts) {}

    /** Sends the queued deliveries that are due (held while the channel is paused). */
    @Scheduled(fixedDelayString = "${civicloop.channels.activitypub.delivery-interval:2s}", initialDelayString = "2s")
    void deliverDue() {
        if (health.health.isPaused()) return;
        try {
            Integer count;
            do {
                count = transactions.execute(status -> deliverBatch(10));
            } while (count != null && count == 10);
        } catch (org.springframework.dao.DataAccessException e) {
            log.warn("ActivityPub deliveries not sent this round: {}", e.getMessage());
        }
    }

    int deliverBatch(int limit) {
        List<Due> due = jdbc.sql("""
                SELECT id, account, inbox, document, attempts FROM activitypub_delivery
                WHERE status = 'pending' AND next_attempt_at <= :now
                ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED
                """)
                .param("now", Timestamp.from(clock.instant()))
                .param("limit", limit)
                .query((rs, i) -> new Due(
                        rs.getObject("id", UUID.class),
                        rs.getString("account"),
                        rs.getString("inbox"),
                        rs.getString("document"),
                        rs.getInt("attempts")))
                .list();
        for (Due d : due) {
            String error = null;
            boolean permanent = false;
            try {
                post(d.account(), d.inbox(), d.document());
                health.health.success();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            } catch (IOException e) {
                error = e.getMessage();
                permanent = e instanceof SafeHttp.RefusedException
                        || (e instanceof DeliveryFailedException f && f.permanent());
                health.health.failure(e);
                log.warn("ActivityPub delivery to {} failed: {}", d.inbox(), error);
            }
            int attempts = d.attempts() + 1;
            String status = error == null ? "sent" : permanent || attempts >= MAX_ATTEMPTS ? "failed" : "pending";
            Instant next = clock.instant().plus(Duration.ofSeconds(Math.min(3600, 5L << Math.min(attempts - 1, 20))));
            jdbc.sql("""
                    UPDATE activitypub_delivery SET status = :status, attempts = :attempts, last_error = :error,
                        next_attempt_at = :next, updated_at = :now WHERE id = :id
                    """)
                    .param("status", status)
                    .param("attempts", attempts)
                    .param("error", error == null ? null : error.substring(0, Math.min(500, error.length())))
                    .param("next", Timestamp.from(next))
                    .param("now", Timestamp.from(clock.instant()))
                    .param("id", d.id())
                    .update();
        }
        return due.size();
    }
}
