package dev.sundown.notifier.sns;

import java.util.Map;

/**
 * One SNS Publish call.
 *
 * @param jsonStructure true when {@code message} is a {@code MessageStructure=json} document with a
 *                      {@code default} and an {@code email} body
 * @param attributes    String message attributes for subscription filter policies
 */
public record SnsMessage(String topicArn, String subject, String message, boolean jsonStructure,
                         Map<String, String> attributes) {
    public SnsMessage {
        attributes = Map.copyOf(attributes);
    }
}
