package org.civicloop.channels.sms;

import java.time.Clock;
import org.civicloop.channels.ClaimedDeliveries;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;

/** Which outbox messages were handed to the SMS provider (table {@code sms_delivery}; see {@link ClaimedDeliveries}). */
@Repository
class SmsDeliveries extends ClaimedDeliveries {

    SmsDeliveries(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        super(jdbc, clock, transactions, "sms_delivery", "recipient", "provider_sid");
    }
}
