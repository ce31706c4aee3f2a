package dev.sundown.collector.jupyter;

import java.time.Instant;

/** {@code /api/status}: the server's own view of its activity. */
public record JupyterStatus(Instant lastActivity, Instant started, int kernels, int connections) {
}
