package org.civicloop.channels.activitypub;

import org.civicloop.channels.ChannelConnector;
import org.civicloop.channels.ConnectorHealth;
import org.civicloop.shared.ChannelKind;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The ActivityPub channel as the administrator sees it. Its inboxes are pushed to, so pausing only
 * holds deliveries (replies stay in the outbox, Accepts in the delivery queue); the inboxes keep
 * accepting, since a refused activity is not sent again. The test checks, for every account, that
 * its key pair exists and is readable and that WebFinger finds it.
 */
@Component
@ConditionalOnProperty(name = "civicloop.channels.activitypub.enabled", havingValue = "true")
class ActivityPubConnector implements ChannelConnector {

    private final ActivityPubSettings settings;
    private final ActivityPubUrls urls;
    private final ActivityPubHealth health;
    private final ActorKeys keys;
    private final ActivityPubDocuments documents;

    ActivityPubConnector(
            ActivityPubSettings settings,
            ActivityPubUrls urls,
            ActivityPubHealth health,
            ActorKeys keys,
            ActivityPubDocuments documents) {
        this.settings = settings;
        this.urls = urls;
        this.health = health;
        this.keys = keys;
        this.documents = documents;
    }

    /** Every configured account has its key pair from the start (so the demo city's @riverton exists at once). */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void createKeys() {
        settings.accounts().forEach(keys::ensure);
    }

    @Override
    public String id() {
        return "activitypub:" + urls.host();
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.ACTIVITYPUB;
    }

    @Override
    public String description() {
        return settings.accounts().isEmpty()
                ? "ActivityPub on " + urls.host() + " (no account configured)"
                : String.join(
                        ", ",
                        settings.accounts().stream()
                                .map(a -> "@" + a + "@" + urls.host())
                                .toList());
    }

    @Override
    public ConnectorHealth health() {
        return health.health;
    }

    @Override
    public void pause() {
        health.health.paused(true);
    }

    @Override
    public void resume() {
        health.health.paused(false);
    }

    @Override
    public ConnectorHealth.TestResult test() {
        if (settings.accounts().isEmpty())
            return ConnectorHealth.TestResult.failed("no account in civicloop.channels.activitypub.accounts");
        try {
            for (String account : settings.accounts()) {
                if (!keys.exists(account))
                    return ConnectorHealth.TestResult.failed("no key pair for " + account + " yet");
                HttpSignatures.publicKey(keys.publicKeyPem(account));
                keys.privateKey(account);
                String acct = "acct:" + account + "@" + urls.host();
                var found = documents.accountOf(acct);
                if (found.isEmpty()
                        || !documents.webfinger(found.get()).toString().contains(urls.actor(account)))
                    return ConnectorHealth.TestResult.failed("WebFinger does not find " + acct);
            }
            return ConnectorHealth.TestResult.ok("key pairs present and WebFinger answers for " + description());
        } catch (RuntimeException e) {
            return ConnectorHealth.TestResult.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
