package org.civicloop.channels.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.civicloop.replies.ReplySender.OutboundMessage;
import org.civicloop.shared.ChannelKind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What a reply to a resident on Mastodon says and where it is threaded. */
class MastodonReplySenderTests {

    final MastodonSettings settings = new MastodonSettings(
            true, URI.create("https://city.social/"), "t", "cityhall", List.of(), List.of(), null, null, null, null);
    final MastodonReplySender sender =
            new MastodonReplySender(settings, JsonMapper.builder().build());

    @Test
    void aReplyMentionsTheResidentAndIsThreadedUnderTheirStatus() {
        var form = sender.form(new OutboundMessage(
                "k1",
                ChannelKind.MASTODON,
                "@ana@city.social city.social/109348677773283527",
                "Received",
                "Thanks, case C-12."));
        assertThat(form)
                .containsEntry("status", "@ana@city.social Thanks, case C-12.")
                .containsEntry("in_reply_to_id", "109348677773283527")
                .containsEntry("visibility", "unlisted");
        assertThat(sender.supports(ChannelKind.MASTODON)).isTrue();
        assertThat(sender.supports(ChannelKind.BLUESKY)).isFalse();
    }

    @Test
    void withoutAStatusItIsAMentionAndLongTextsAreCut() {
        var form = sender.form(new OutboundMessage("k2", ChannelKind.MASTODON, "ana", null, "x".repeat(900)));
        assertThat(form.get("in_reply_to_id")).isNull();
        assertThat(form.get("status"))
                .startsWith("@ana x")
                .hasSize(MastodonReplySender.MAX_LENGTH)
                .endsWith("…");
    }

    @Test
    void aRecipientThatIsNotAHandleOrAStatusOfThisServerIsRefused() {
        for (String recipient :
                List.of("", "ana@example.org\r\nX: y", "@ana other.social/1", "@ana city.social/../1")) {
            assertThatThrownBy(
                            () -> sender.form(new OutboundMessage("k3", ChannelKind.MASTODON, recipient, null, "hi")))
                    .as(recipient)
                    .isInstanceOf(MastodonReplySender.MastodonReplyRejectedException.class);
        }
    }
}
