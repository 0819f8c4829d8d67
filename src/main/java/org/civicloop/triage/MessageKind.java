package org.civicloop.triage;

import java.time.Instant;
import java.util.List;
import org.civicloop.cases.CasePriority;
import org.civicloop.shared.MessageId;

/**
 * What kind of message this is and how urgent.
 *
 * @param kind {@code service_request}, {@code question}, {@code opinion}, {@code complaint},
 *     {@code praise}, {@code emergency}, {@code abuse}, {@code spam} or {@code off_topic}
 * @param confidence 0 to 1: 1 when the emergency rules answered, the model's probability otherwise
 * @param abusive hide from public views, never answer automatically, flag for staff
 * @param urgency 0 (nobody in a hurry) to 100
 * @param priority the case priority the urgency maps to
 * @param reasons why: the rule or model behind the kind, then each thing that added urgency
 * @param version the models' and rules' versions that answered
 */
public record MessageKind(
        MessageId messageId,
        String kind,
        double confidence,
        boolean abusive,
        int urgency,
        CasePriority priority,
        List<Reason> reasons,
        String version,
        Instant judgedAt) {

    public MessageKind {
        reasons = List.copyOf(reasons);
    }

    /**
     * One reason: {@code kind} (the rule or model behind the kind, {@code points} 0) or an urgency
     * rule ({@code kind}, {@code service}, {@code danger}, {@code vulnerable}, {@code injury}, {@code
     * blocked}, {@code utility}, {@code haste}, {@code reporters}) and the points it added.
     */
    public record Reason(String code, int points, String detail) {}
}
