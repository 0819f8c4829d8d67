package org.civicloop.channels.x;

import java.time.Clock;
import org.civicloop.channels.ClaimedDeliveries;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;

/** Which outbox messages were posted to X (table {@code x_delivery}; see {@link ClaimedDeliveries}). */
@Repository
class XDeliveries extends ClaimedDeliveries {

    XDeliveries(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        super(jdbc, clock, transactions, "x_delivery", "in_reply_to", "tweet_id");
    }
}
