package dev.sundown.simulator.jupyter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sundown.simulator.world.JupyterServerModel;
import dev.sundown.simulator.world.KernelModel;
import dev.sundown.simulator.world.TerminalModel;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The JSON shapes of Jupyter Server 1.23's REST API. */
public final class JupyterJson {

    /** Jupyter's timestamps: UTC, microseconds, a literal 'Z'. */
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JupyterJson() {
    }

    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /** A kernel; Studio's Jupyter server adds {@code app_name}, the KernelGateway app the kernel runs on. */
    public static ObjectNode kernel(KernelModel kernel, Instant now, boolean studio) {
        ObjectNode node = NODES.objectNode();
        node.put("id", kernel.id());
        node.put("name", kernel.name());
        node.put("last_activity", timestamp(kernel.lastActivity(now)));
        node.put("execution_state", kernel.executionState(now));
        node.put("connections", kernel.connections());
        if (studio && kernel.appName() != null) {
            node.put("app_name", kernel.appName());
        }
        return node;
    }

    public static ObjectNode session(KernelModel kernel, Instant now, boolean studio) {
        KernelModel.SessionInfo session = kernel.session();
        ObjectNode node = NODES.objectNode();
        node.put("id", session.id());
        node.put("path", session.path());
        node.put("name", session.name());
        node.put("type", session.type());
        node.set("kernel", kernel(kernel, now, studio));
        ObjectNode notebook = node.putObject("notebook");
        notebook.put("path", session.path());
        notebook.put("name", session.name());
        return node;
    }

    public static ObjectNode terminal(TerminalModel terminal, Instant now) {
        ObjectNode node = NODES.objectNode();
        node.put("name", terminal.name());
        node.put("last_activity", timestamp(terminal.lastActivity(now)));
        return node;
    }

    public static ObjectNode status(JupyterServerModel server, Instant now) {
        ObjectNode node = NODES.objectNode();
        node.put("connections", server.totalConnections());
        node.put("kernels", server.kernels().size());
        node.put("last_activity", timestamp(server.lastActivity(now)));
        node.put("started", timestamp(server.started()));
        return node;
    }

    public static String kernels(JupyterServerModel server, Instant now, boolean studio) {
        ArrayNode array = NODES.arrayNode();
        server.kernels().values().forEach(kernel -> array.add(kernel(kernel, now, studio)));
        return array.toString();
    }

    public static String sessions(JupyterServerModel server, Instant now, boolean studio) {
        ArrayNode array = NODES.arrayNode();
        server.kernels().values().stream().filter(kernel -> kernel.session() != null)
                .forEach(kernel -> array.add(session(kernel, now, studio)));
        return array.toString();
    }

    public static String terminals(JupyterServerModel server, Instant now) {
        ArrayNode array = NODES.arrayNode();
        server.terminals().values().forEach(terminal -> array.add(terminal(terminal, now)));
        return array.toString();
    }

    /** Jupyter's JSON error body: {@code {"message": "...", "reason": null}}. */
    public static String error(String message) {
        ObjectNode node = NODES.objectNode();
        node.put("message", message);
        node.putNull("reason");
        return node.toString();
    }

    public static String notFoundPage() {
        return page("404 : Not Found", "You are requesting a page that does not exist!");
    }

    public static String page(String heading, String text) {
        return "<!DOCTYPE HTML>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>Jupyter Server</title>\n</head>\n<body>\n"
                + "<div id=\"site\">\n<div class=\"error\">\n<h1>" + heading + "</h1>\n<p>" + text + "</p>\n</div>\n</div>\n"
                + "</body>\n</html>\n";
    }
}
