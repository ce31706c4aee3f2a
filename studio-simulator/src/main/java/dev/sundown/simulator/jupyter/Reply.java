package dev.sundown.simulator.jupyter;

import java.util.Map;

/** An HTTP answer built by plain code and written by the HTTP adapter. */
public record Reply(int status, String contentType, String body, Map<String, String> headers) {

    public static final String JSON = "application/json";
    public static final String HTML = "text/html; charset=UTF-8";

    public static Reply json(int status, String body) {
        return new Reply(status, JSON, body, Map.of());
    }

    public static Reply html(int status, String body) {
        return new Reply(status, HTML, body, Map.of());
    }

    public static Reply noContent() {
        return new Reply(204, null, null, Map.of());
    }

    public Reply withHeader(String name, String value) {
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put(name, value);
        return new Reply(status, contentType, body, all);
    }
}
