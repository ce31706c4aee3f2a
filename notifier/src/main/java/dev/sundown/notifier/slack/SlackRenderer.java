package dev.sundown.notifier.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sundown.notifier.domain.Composer;
import dev.sundown.notifier.domain.Content;
import dev.sundown.notifier.domain.Notification;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays a notification out as a Block Kit message that reads well on a phone: a header, a short paragraph (with a
 * {@code <@U…>} mention when the owner's Slack user is known), the figures as two-column fields, a bounded list,
 * and the source in small print. Long lists are cut ({@code …and N more}) so every limit of
 * {@link BlockKitLimits} holds; the top-level {@code text} is the plain-text fallback for notifications.
 */
public final class SlackRenderer {

    /** Item lines shown on Slack; the full list goes by e-mail (SNS) and stays on Kafka. */
    public static final int MAX_ITEMS = 40;
    private static final int MAX_ITEM_BLOCKS = 10;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public SlackMessage render(Notification n) {
        Content c = Composer.compose(n);
        String mention = n.recipient().slackUserId() == null ? "" : "<@" + n.recipient().slackUserId() + "> ";
        ObjectNode payload = NODES.objectNode();
        payload.put("text", Composer.cut(mention + escape(c.title() + ": " + c.summary()),
                BlockKitLimits.MAX_SECTION_TEXT));
        ArrayNode blocks = payload.putArray("blocks");

        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text")
                .put("text", Composer.cut(c.title(), BlockKitLimits.MAX_HEADER_TEXT)).put("emoji", true);

        section(blocks, Composer.cut(mention + escape(c.summary()), BlockKitLimits.MAX_SECTION_TEXT));

        List<Content.Field> fields = c.fields();
        for (int i = 0; i < fields.size(); i += BlockKitLimits.MAX_FIELDS) {
            ObjectNode s = blocks.addObject().put("type", "section");
            ArrayNode fs = s.putArray("fields");
            for (Content.Field f : fields.subList(i, Math.min(fields.size(), i + BlockKitLimits.MAX_FIELDS))) {
                fs.addObject().put("type", "mrkdwn").put("text", Composer.cut(
                        "*" + escape(f.label()) + "*\n" + escape(f.value()), BlockKitLimits.MAX_FIELD_TEXT));
            }
        }

        List<String> items = c.items();
        if (!items.isEmpty()) {
            List<String> chunks = new ArrayList<>();
            StringBuilder current = new StringBuilder("*" + escape(c.itemsHeading()) + "*\n");
            int shown = 0;
            for (String item : items) {
                if (shown == MAX_ITEMS) {
                    break;
                }
                String line = "\u2022 " + escape(item) + "\n";
                if (current.length() + line.length() > BlockKitLimits.MAX_SECTION_TEXT) {
                    if (chunks.size() + 1 == MAX_ITEM_BLOCKS) {
                        break;
                    }
                    chunks.add(current.toString());
                    current = new StringBuilder();
                }
                current.append(line);
                shown++;
            }
            chunks.add(current.toString());
            if (shown < items.size()) {
                String more = "\u2026and " + (items.size() - shown) + " more";
                String last = chunks.get(chunks.size() - 1);
                if (last.length() + more.length() < BlockKitLimits.MAX_SECTION_TEXT) {
                    chunks.set(chunks.size() - 1, last + more);
                }
            }
            blocks.addObject().put("type", "divider");
            for (String chunk : chunks) {
                section(blocks, chunk.strip());
            }
        }

        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", Composer.cut("Sundown \u00b7 " + escape(c.footer()), 2000));
        return new SlackMessage(n.kind(), payload);
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        ObjectNode s = blocks.addObject().put("type", "section");
        s.putObject("text").put("type", "mrkdwn").put("text", mrkdwn.isEmpty() ? " " : mrkdwn);
    }

    /** Slack's mrkdwn escaping: only {@code &}, {@code <} and {@code >} are special. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
