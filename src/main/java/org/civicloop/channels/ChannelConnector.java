package org.civicloop.channels;

import org.civicloop.shared.ChannelKind;

/**
 * One configured channel as the administrator sees it: what it is, how it is doing, and the
 * controls to pause it, resume it and test its connection. Every connector bean (inbound,
 * outbound, or both) implements this; channel administration lists them all.
 *
 * <p>Pausing stops reading from the source (a pull or streaming connector keeps its cursor, so it
 * resumes where it stopped) and holds replies on this channel in the outbox; a webhook keeps
 * accepting and storing what the provider pushes, since refusing would lose it.
 *
 * <p>A pause outlives a restart ({@link ChannelPauses}): a connector should ask {@code
 * ChannelPauses.isPaused(id())} before it starts reading; {@link ChannelAdministration} also pauses,
 * once the application is ready, any connector that was paused before the restart.
 */
public interface ChannelConnector {

    /** Stable id, unique among connectors, e.g. {@code mastodon:social.example} or {@code sms}. */
    String id();

    ChannelKind kind();

    /** A short human description: the account, server or mailbox it works with. */
    String description();

    ConnectorHealth health();

    /** Stops reading and holds replies; a connector with threads or streams to close overrides this. */
    default void pause() {
        health().paused(true);
    }

    /** Undoes {@link #pause()}. */
    default void resume() {
        health().paused(false);
    }

    /**
     * Checks the connection and credentials with a cheap call to the remote side (never sends a
     * message to a resident). Never throws: a failure is a result.
     */
    ConnectorHealth.TestResult test();
}
