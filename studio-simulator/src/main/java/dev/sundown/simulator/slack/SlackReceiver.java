package dev.sundown.simulator.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sundown.simulator.jupyter.Reply;
import dev.sundown.simulator.records.Recorder;
import java.time.Instant;
import java.util.Map;

/** Slack's incoming webhook: accepts a JSON message with {@code text} and/or {@code blocks}, answers {@code ok}. */
public final class SlackReceiver {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Recorder recorder;

    public SlackReceiver(Recorder recorder) {
        this.recorder = recorder;
    }

    /**
     * @param webhook the path after the webhook prefix (names the channel)
     * @param body    the JSON body, or the {@code payload} form field's value
     */
    public Reply receive(String webhook, String body, Instant now) {
        JsonNode payload;
        try {
            payload = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (Exception e) {
            payload = null;
        }
        if (payload == null || !payload.isObject()) {
            return text(400, "invalid_payload");
        }
        JsonNode blocks = payload.get("blocks");
        if (blocks != null && !blocks.isNull()) {
            if (!blocks.isArray()) {
                return text(400, "invalid_blocks");
            }
            for (JsonNode block : blocks) {
                if (!block.isObject() || !block.path("type").isTextual()) {
                    return text(400, "invalid_blocks");
                }
            }
        }
        JsonNode text = payload.get("text");
        boolean hasText = text != null && text.isTextual() && !text.asText().isBlank();
        boolean hasBlocks = blocks != null && blocks.isArray() && !blocks.isEmpty();
        if (!hasText && !hasBlocks) {
            return text(400, "no_text");
        }
        recorder.slack(new Recorder.SlackMessage(now, webhook, hasText ? text.asText() : null, payload));
        return text(200, "ok");
    }

    public static Reply text(int status, String body) {
        return new Reply(status, "text/plain; charset=utf-8", body, Map.of());
    }
}
