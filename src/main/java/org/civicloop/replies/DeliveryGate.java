package org.civicloop.replies;

import java.util.Set;
import org.civicloop.shared.ChannelKind;

/**
 * Holds replies back: while a channel is paused by its administrator, its outbox messages stay
 * pending (not attempted, not counted as failures) and go out once it is resumed. Implemented by
 * whoever knows which channels are paused; the outbox asks every gate before each batch.
 */
public interface DeliveryGate {

    /** The channels whose replies must wait now. */
    Set<ChannelKind> held();
}
