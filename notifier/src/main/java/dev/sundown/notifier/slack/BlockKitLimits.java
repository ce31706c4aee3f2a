package dev.sundown.notifier.slack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Slack's Block Kit limits for a message, and a check that names every breach. */
public final class BlockKitLimits {

    public static final int MAX_BLOCKS = 50;
    public static final int MAX_SECTION_TEXT = 3000;
    public static final int MAX_HEADER_TEXT = 150;
    public static final int MAX_FIELDS = 10;
    public static final int MAX_FIELD_TEXT = 2000;
    public static final int MAX_CONTEXT_ELEMENTS = 10;
    /** Slack truncates a message's top-level text beyond this. */
    public static final int MAX_TEXT = 4000;

    private BlockKitLimits() {
    }

    /** Every limit {@code payload} breaks; empty when Slack will accept its layout. */
    public static List<String> violations(JsonNode payload) {
        List<String> v = new ArrayList<>();
        String text = payload.path("text").asText("");
        if (text.isBlank()) {
            v.add("no plain-text fallback 'text'");
        }
        if (text.length() > MAX_TEXT) {
            v.add("text has " + text.length() + " characters, more than " + MAX_TEXT);
        }
        JsonNode blocks = payload.path("blocks");
        if (blocks.size() > MAX_BLOCKS) {
            v.add(blocks.size() + " blocks, more than " + MAX_BLOCKS);
        }
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode b = blocks.get(i);
            String type = b.path("type").asText();
            switch (type) {
                case "header" -> {
                    checkText(v, i, "header text", b.path("text"), MAX_HEADER_TEXT);
                    if (!"plain_text".equals(b.path("text").path("type").asText())) {
                        v.add("block " + i + ": header text must be plain_text");
                    }
                }
                case "section" -> {
                    if (b.has("text")) {
                        checkText(v, i, "section text", b.path("text"), MAX_SECTION_TEXT);
                    }
                    JsonNode fields = b.path("fields");
                    if (fields.size() > MAX_FIELDS) {
                        v.add("block " + i + ": " + fields.size() + " fields, more than " + MAX_FIELDS);
                    }
                    for (JsonNode f : fields) {
                        checkText(v, i, "field", f, MAX_FIELD_TEXT);
                    }
                    if (!b.has("text") && fields.isEmpty()) {
                        v.add("block " + i + ": section without text or fields");
                    }
                }
                case "context" -> {
                    JsonNode elements = b.path("elements");
                    if (elements.isEmpty() || elements.size() > MAX_CONTEXT_ELEMENTS) {
                        v.add("block " + i + ": context with " + elements.size() + " elements");
                    }
                    for (JsonNode e : elements) {
                        checkText(v, i, "context element", e, MAX_SECTION_TEXT);
                    }
                }
                case "divider" -> {
                }
                default -> v.add("block " + i + ": unexpected type '" + type + "'");
            }
        }
        return v;
    }

    private static void checkText(List<String> v, int block, String what, JsonNode textObject, int max) {
        String t = textObject.path("text").asText("");
        if (t.isEmpty()) {
            v.add("block " + block + ": empty " + what);
        } else if (t.length() > max) {
            v.add("block " + block + ": " + what + " has " + t.length() + " characters, more than " + max);
        }
    }
}
