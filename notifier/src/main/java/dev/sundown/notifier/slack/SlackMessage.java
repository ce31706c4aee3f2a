package dev.sundown.notifier.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sundown.notifier.domain.NotificationKind;

/**
 * One incoming-webhook post.
 *
 * @param kind    picks a per-kind webhook when one is configured, else the admin webhook
 * @param payload the JSON body: {@code text} (the plain-text fallback shown in notifications) and {@code blocks}
 */
public record SlackMessage(NotificationKind kind, ObjectNode payload) {

    public String text() {
        return payload.path("text").asText();
    }
}
