package dev.sundown.collector.jupyter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sundown.events.ExecutionState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Reads the Jupyter Server REST replies Sundown relies on. Anything that is not the expected JSON is rejected
 * with an {@link UnexpectedReplyException} naming the part and the reason, so a target answering garbage
 * (an HTML login page, a proxy error, a truncated body) is reported as unobserved instead of as empty.
 */
public final class JupyterReplies {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private JupyterReplies() {
    }

    /** {@code GET /api/kernels}. */
    public static List<JupyterKernel> kernels(String body) {
        return list("/api/kernels", tree("/api/kernels", body), JupyterReplies::kernel);
    }

    /** {@code GET /api/sessions}. */
    public static List<JupyterSession> sessions(String body) {
        return list("/api/sessions", tree("/api/sessions", body), JupyterReplies::session);
    }

    /** {@code GET /api/terminals}. */
    public static List<JupyterTerminal> terminals(String body) {
        return list("/api/terminals", tree("/api/terminals", body), JupyterReplies::terminal);
    }

    /** {@code GET /api/status}. */
    public static JupyterStatus status(String body) {
        return status("/api/status", tree("/api/status", body));
    }

    /** Studio's {@code GET /sagemaker/api/apps}. */
    public static List<StudioApp> studioApps(String body) {
        return list("/sagemaker/api/apps", tree("/sagemaker/api/apps", body), JupyterReplies::studioApp);
    }

    /** A pushed snapshot: {@code {"kernels":[...],"sessions":[...],"terminals":[...],"status":{...}}}. */
    public static ServerSnapshot snapshot(String body) {
        JsonNode root = tree("snapshot", body);
        if (!root.isObject()) {
            throw new UnexpectedReplyException("snapshot: expected a JSON object, got " + kind(root));
        }
        for (String part : List.of("kernels", "sessions", "terminals", "status")) {
            if (!root.has(part)) {
                throw new UnexpectedReplyException("snapshot: missing '" + part + "'");
            }
        }
        return new ServerSnapshot(
                list("snapshot.kernels", root.get("kernels"), JupyterReplies::kernel),
                list("snapshot.sessions", root.get("sessions"), JupyterReplies::session),
                list("snapshot.terminals", root.get("terminals"), JupyterReplies::terminal),
                status("snapshot.status", root.get("status")));
    }

    private static JsonNode tree(String part, String body) {
        if (body == null || body.isBlank()) {
            throw new UnexpectedReplyException(part + ": empty reply");
        }
        String trimmed = body.stripLeading();
        if (trimmed.startsWith("<")) {
            throw new UnexpectedReplyException(part + ": HTML instead of JSON (a login or proxy page?)");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new UnexpectedReplyException(part + ": empty reply");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new UnexpectedReplyException(part + ": not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static <T> List<T> list(String part, JsonNode node, BiFunction<String, JsonNode, T> entry) {
        if (node == null || !node.isArray()) {
            throw new UnexpectedReplyException(part + ": expected a JSON array, got " + kind(node));
        }
        List<T> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            String where = part + "[" + i + "]";
            JsonNode item = node.get(i);
            if (!item.isObject()) {
                throw new UnexpectedReplyException(where + ": expected an object, got " + kind(item));
            }
            out.add(entry.apply(where, item));
        }
        return out;
    }

    private static JupyterKernel kernel(String where, JsonNode n) {
        return new JupyterKernel(
                requiredText(where, n, "id"),
                optionalText(where, n, "name"),
                ExecutionState.of(requiredText(where, n, "execution_state")),
                optionalInt(where, n, "connections"),
                requiredTime(where, n, "last_activity"),
                optionalText(where, n, "app_name"));
    }

    private static JupyterSession session(String where, JsonNode n) {
        JsonNode kernel = n.get("kernel");
        String kernelId = null;
        if (kernel != null && !kernel.isNull()) {
            if (!kernel.isObject()) {
                throw new UnexpectedReplyException(where + ".kernel: expected an object, got " + kind(kernel));
            }
            kernelId = requiredText(where + ".kernel", kernel, "id");
        }
        String path = optionalText(where, n, "path");
        if (path == null && n.path("notebook").isObject()) {
            path = optionalText(where + ".notebook", n.get("notebook"), "path");
        }
        return new JupyterSession(requiredText(where, n, "id"), path, optionalText(where, n, "type"), kernelId);
    }

    private static JupyterTerminal terminal(String where, JsonNode n) {
        return new JupyterTerminal(requiredText(where, n, "name"), requiredTime(where, n, "last_activity"),
                optionalText(where, n, "app_name"));
    }

    private static JupyterStatus status(String part, JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new UnexpectedReplyException(part + ": expected a JSON object, got " + kind(n));
        }
        return new JupyterStatus(
                requiredTime(part, n, "last_activity"),
                optionalTime(part, n, "started"),
                optionalInt(part, n, "kernels"),
                optionalInt(part, n, "connections"));
    }

    private static StudioApp studioApp(String where, JsonNode n) {
        return new StudioApp(
                requiredText(where, n, "app_name"),
                optionalText(where, n, "app_type"),
                optionalText(where, n, "instance_type"),
                optionalText(where, n, "status"),
                optionalText(where, n, "environment_arn"),
                ids(where, n, "kernels", "id"),
                ids(where, n, "terminals", "name"));
    }

    /** A list of ids given either as strings or as objects carrying {@code idField}. */
    private static List<String> ids(String where, JsonNode n, String field, String idField) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new UnexpectedReplyException(where + "." + field + ": expected a JSON array, got " + kind(v));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (item.isTextual()) {
                out.add(item.asText());
            } else if (item.isObject()) {
                out.add(requiredText(where + "." + field + "[" + i + "]", item, idField));
            } else {
                throw new UnexpectedReplyException(where + "." + field + "[" + i + "]: expected a string or object");
            }
        }
        return out;
    }

    private static String requiredText(String where, JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new UnexpectedReplyException(where + ": missing '" + field + "'");
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new UnexpectedReplyException(where + ": '" + field + "' is not a non-empty string");
        }
        return v.asText();
    }

    private static String optionalText(String where, JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new UnexpectedReplyException(where + ": '" + field + "' is not a string");
        }
        return v.asText();
    }

    private static int optionalInt(String where, JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0) {
            throw new UnexpectedReplyException(where + ": '" + field + "' is not a non-negative integer");
        }
        return v.asInt();
    }

    private static Instant requiredTime(String where, JsonNode n, String field) {
        Instant t = optionalTime(where, n, field);
        if (t == null) {
            throw new UnexpectedReplyException(where + ": missing '" + field + "'");
        }
        return t;
    }

    private static Instant optionalTime(String where, JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new UnexpectedReplyException(where + ": '" + field + "' is not an ISO-8601 time");
        }
        try {
            return parseTime(v.asText());
        } catch (DateTimeParseException e) {
            throw new UnexpectedReplyException(where + ": '" + field + "' is not an ISO-8601 time");
        }
    }

    /** Jupyter writes {@code 2024-05-01T10:00:00.123456Z}; some proxies rewrite it with an offset. */
    static Instant parseTime(String text) {
        String t = text.trim();
        if (t.endsWith("Z") || t.endsWith("z")) {
            return Instant.parse(t.toUpperCase(Locale.ROOT));
        }
        return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
