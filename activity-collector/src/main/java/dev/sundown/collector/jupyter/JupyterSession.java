package dev.sundown.collector.jupyter;

/** One entry of {@code /api/sessions}: which notebook (or console, file) a kernel serves. */
public record JupyterSession(String id, String path, String type, String kernelId) {
}
