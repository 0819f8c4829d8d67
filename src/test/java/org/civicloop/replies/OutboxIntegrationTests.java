package org.civicloop.replies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.civicloop.shared.ChannelKind;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox sends each message once, retries passing failures, and gives up at once on permanent ones. */
@SpringBootTest(properties = "civicloop.replies.dispatch-interval=1h")
class OutboxIntegrationTests {

    static final List<ReplySender.OutboundMessage> delivered = new CopyOnWriteArrayList<>();

    @TestConfiguration
    static class PhoneLine {
        @Bean
        ReplySender phoneCallbacks() {
            return new ReplySender() {
                @Override
                public boolean supports(ChannelKind channel) {
                    return channel == ChannelKind.PHONE;
                }

                @Override
                public void send(OutboundMessage message) throws Exception {
                    delivered.add(message);
                    if (message.recipient().startsWith("refuses"))
                        throw new PermanentDeliveryException("number blocked");
                    if (message.recipient().startsWith("busy")) throw new java.io.IOException("line busy");
                }
            };
        }
    }

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxDispatcher dispatcher;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    String status(String key) {
        return jdbc.sql("SELECT status || '/' || attempts FROM outbox_message WHERE idempotency_key = :k")
                .param("k", key)
                .query(String.class)
                .single();
    }

    @Test
    void sendsOnceRetriesPassingFailuresAndStopsAtPermanentOnes() {
        String run = UUID.randomUUID().toString();
        assertThat(outbox.enqueue("ok-" + run, ChannelKind.PHONE, "ok-" + run, "s", "Your pothole is fixed", "ext-1"))
                .isTrue();
        assertThat(outbox.enqueue("ok-" + run, ChannelKind.PHONE, "ok-" + run, "s", "Your pothole is fixed", "ext-1"))
                .isFalse();
        outbox.enqueue("refuses-" + run, ChannelKind.PHONE, "refuses-" + run, "s", "x");
        outbox.enqueue("busy-" + run, ChannelKind.PHONE, "busy-" + run, "s", "x");

        transactions.execute(tx -> dispatcher.dispatchBatch(100));
        transactions.execute(tx -> dispatcher.dispatchBatch(100));

        assertThat(status("ok-" + run)).isEqualTo("sent/1");
        assertThat(status("refuses-" + run)).isEqualTo("failed/1");
        assertThat(status("busy-" + run)).isEqualTo("pending/1"); // retried later, with backoff
        var mine =
                delivered.stream().filter(m -> m.idempotencyKey().endsWith(run)).toList();
        assertThat(mine).hasSize(3);
        assertThat(mine.stream()
                        .filter(m -> m.idempotencyKey().startsWith("ok-"))
                        .findFirst()
                        .orElseThrow()
                        .inReplyTo())
                .isEqualTo("ext-1");
    }
}
