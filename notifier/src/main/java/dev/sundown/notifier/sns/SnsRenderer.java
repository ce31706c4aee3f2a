package dev.sundown.notifier.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sundown.notifier.domain.Composer;
import dev.sundown.notifier.domain.Content;
import dev.sundown.notifier.domain.Notification;
import dev.sundown.notifier.domain.NotificationKind;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays a notification out for Amazon SNS within its rules: a Subject of at most 100 printable ASCII characters
 * without line breaks, and a message (with its attributes) of at most 256 KB. A long list is split over several
 * messages ("part 2/3"); past {@code maxParts} the rest is summarised, so rendering never fails.
 *
 * <p>With the legacy body on, a compliance scan is sent with {@code MessageStructure=json}: the {@code default}
 * body is the extension checker's {@code {"profiles_with_no_auto_shutdown_ext":[...]}} document, which existing
 * subscribers parse, and the {@code email} body is the readable text.
 */
public final class SnsRenderer {

    /** SNS's limit on a message including its attributes. */
    public static final int MAX_MESSAGE_BYTES = 256 * 1024;
    public static final int MAX_SUBJECT_CHARS = 100;
    /** Room left for the JSON envelope, the part line and the "more not listed" line. */
    private static final int RESERVE_BYTES = 2048;

    private final String adminTopicArn;
    private final boolean legacyBody;
    private final int maxParts;
    private final int maxBytes;
    private final ObjectMapper json = new ObjectMapper();

    public SnsRenderer(String adminTopicArn, boolean legacyBody, int maxParts) {
        this(adminTopicArn, legacyBody, maxParts, MAX_MESSAGE_BYTES);
    }

    /** With a smaller byte limit, for tests of splitting. */
    public SnsRenderer(String adminTopicArn, boolean legacyBody, int maxParts, int maxBytes) {
        this.adminTopicArn = adminTopicArn;
        this.legacyBody = legacyBody;
        this.maxParts = Math.max(1, maxParts);
        this.maxBytes = maxBytes;
    }

    public List<SnsMessage> render(Notification n) {
        Content c = Composer.compose(n);
        String topic = n.recipient().snsTopicArn() != null ? n.recipient().snsTopicArn() : adminTopicArn;
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("severity", n.severity().wire());
        attributes.put("domain", n.domain());
        attributes.put("kind", n.kind().wire());
        if (n.recipient().owner() != null) {
            attributes.put("owner", n.recipient().owner());
        }
        boolean structured = legacyBody && n.kind() == NotificationKind.COMPLIANCE;
        int budget = maxBytes - attributeBytes(attributes) - RESERVE_BYTES;
        int textBudget = structured ? budget / 2 : budget;

        List<List<String>> textChunks = chunk(c.items(), textBudget - headerBytes(c, structured), structured,
                line -> "- " + line + "\n");
        List<List<String>> legacyChunks = structured
                ? chunk(n.compliance().uncoveredUserProfiles(), budget / 2 - 64, true,
                        profile -> "{\"domain-id\":\"" + n.compliance().domainId() + "\",\"user-profile\":\""
                                + profile + "\"},")
                : List.of();
        int parts = Math.max(textChunks.size(), legacyChunks.size());
        int notListed = 0;
        if (parts > maxParts) {
            for (int i = maxParts; i < textChunks.size(); i++) {
                notListed += textChunks.get(i).size();
            }
            parts = maxParts;
        }
        List<SnsMessage> out = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            List<String> items = p < textChunks.size() ? textChunks.get(p) : List.of();
            String text = text(c, items, p, parts, p == parts - 1 ? notListed : 0);
            String subject = subject(c.title() + (parts > 1 ? " (part " + (p + 1) + "/" + parts + ")" : ""));
            String message;
            if (structured) {
                List<String> profiles = p < legacyChunks.size() ? legacyChunks.get(p) : List.of();
                ObjectNode envelope = json.createObjectNode();
                envelope.put("default", legacy(n.compliance().domainId(), profiles));
                envelope.put("email", text);
                message = write(envelope);
            } else {
                message = text;
            }
            out.add(new SnsMessage(topic, subject, message, structured, attributes));
        }
        return out;
    }

    /** The extension checker's message for these profiles of one domain. */
    public String legacy(String domainId, List<String> profiles) {
        ObjectNode root = json.createObjectNode();
        ArrayNode list = root.putArray("profiles_with_no_auto_shutdown_ext");
        for (String p : profiles) {
            list.addObject().put("domain-id", domainId).put("user-profile", p);
        }
        return write(root);
    }

    /**
     * A valid SNS Subject: printable ASCII only (accents dropped, anything else becomes '?'), one line, at most
     * 100 characters, never empty.
     */
    public static String subject(String title) {
        String s = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .replace('\u2026', '.')
                .replaceAll("\\s+", " ");
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            b.append(ch >= 0x20 && ch < 0x7f ? ch : '?');
        }
        String out = b.toString().trim();
        if (out.isEmpty()) {
            return "Sundown notification";
        }
        return out.length() <= MAX_SUBJECT_CHARS ? out : out.substring(0, MAX_SUBJECT_CHARS - 3).trim() + "...";
    }

    /** Bytes SNS counts for {@code message} and {@code attributes} together. */
    public static int sizeOf(SnsMessage m) {
        return m.message().getBytes(StandardCharsets.UTF_8).length + attributeBytes(m.attributes());
    }

    private String text(Content c, List<String> items, int part, int parts, int notListed) {
        StringBuilder b = new StringBuilder();
        if (part == 0) {
            b.append(c.title()).append("\n\n").append(c.summary()).append("\n");
            if (!c.fields().isEmpty()) {
                b.append("\n");
                for (Content.Field f : c.fields()) {
                    b.append(f.label()).append(": ").append(f.value()).append("\n");
                }
            }
            if (!items.isEmpty()) {
                b.append("\n").append(c.itemsHeading()).append(":\n");
            }
        } else {
            b.append(c.title()).append(" (part ").append(part + 1).append("/").append(parts).append(")\n\n");
            if (!items.isEmpty()) {
                b.append(c.itemsHeading()).append(" (continued):\n");
            }
        }
        for (String item : items) {
            b.append("- ").append(item).append("\n");
        }
        if (notListed > 0) {
            b.append("... and ").append(notListed).append(" more not listed here.\n");
        }
        b.append("\n").append(c.footer()).append("\n");
        return b.toString();
    }

    private int headerBytes(Content c, boolean escaped) {
        return bytes(text(c, List.of(), 0, 1, 0), escaped);
    }

    private List<List<String>> chunk(List<String> lines, int capacity, boolean escaped,
                                     java.util.function.Function<String, String> rendered) {
        List<List<String>> chunks = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int used = 0;
        int cap = Math.max(capacity, 1024);
        for (String line : lines) {
            int size = bytes(rendered.apply(line), escaped);
            if (!current.isEmpty() && used + size > cap) {
                chunks.add(current);
                current = new ArrayList<>();
                used = 0;
            }
            current.add(line);
            used += size;
        }
        if (!current.isEmpty() || chunks.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    private int bytes(String s, boolean escaped) {
        if (!escaped) {
            return s.getBytes(StandardCharsets.UTF_8).length;
        }
        return write(json.getNodeFactory().textNode(s)).getBytes(StandardCharsets.UTF_8).length - 2;
    }

    private static int attributeBytes(Map<String, String> attributes) {
        int size = 0;
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            size += e.getKey().getBytes(StandardCharsets.UTF_8).length
                    + e.getValue().getBytes(StandardCharsets.UTF_8).length + "String".length();
        }
        return size;
    }

    private String write(Object node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
