package org.civicloop.triage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code civicloop.triage.emergency.*}: what happens when a message describes a danger.
 *
 * @param alertEmail besides the alert in the console, an e-mail to this address (on-duty staff, a
 *     shared mailbox); empty: none
 * @param maxAge a message posted longer ago than this (history brought in by an import or the
 *     demo city) is marked as an emergency but answers nobody and raises no alert
 */
@ConfigurationProperties("civicloop.triage.emergency")
public record EmergencySettings(
        @DefaultValue("") String alertEmail,
        @DefaultValue("1h") Duration maxAge) {}
