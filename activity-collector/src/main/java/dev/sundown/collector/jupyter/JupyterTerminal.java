package dev.sundown.collector.jupyter;

import java.time.Instant;

/**
 * One entry of {@code /api/terminals}.
 *
 * @param appName Studio only: the app an image terminal runs on, when the server reports it; else null
 */
public record JupyterTerminal(String name, Instant lastActivity, String appName) {
}
