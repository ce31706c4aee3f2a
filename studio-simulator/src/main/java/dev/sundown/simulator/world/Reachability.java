package dev.sundown.simulator.world;

import java.util.Locale;

/** How a simulated Jupyter server answers. */
public enum Reachability {
    /** Answers normally. */
    OK,
    /** Closes the connection without an answer, as a refused or dropped connection looks to a client. */
    REFUSED,
    /** Answers 502 with an HTML page, as a gateway in front of a dead server would. */
    BAD_GATEWAY,
    /** Answers 200 with an HTML page instead of JSON (e.g. a login page). */
    HTML,
    /** Answers normally after {@code slowBy}. */
    SLOW;

    public static Reachability parse(String text) {
        if (text == null || text.isBlank()) {
            return OK;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "ok", "reachable" -> OK;
            case "refused", "connection-refused", "unreachable", "closed" -> REFUSED;
            case "bad-gateway", "502" -> BAD_GATEWAY;
            case "html" -> HTML;
            case "slow" -> SLOW;
            default -> throw new IllegalArgumentException(
                    "unknown reachability '" + text + "' (ok, refused, bad-gateway, html, slow)");
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
