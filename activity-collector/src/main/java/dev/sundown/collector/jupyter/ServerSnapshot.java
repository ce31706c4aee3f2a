package dev.sundown.collector.jupyter;

import java.util.List;
import java.util.Optional;

/**
 * Everything read from one Jupyter server in one poll. The push endpoint accepts exactly this shape as
 * {@code {"kernels":[...],"sessions":[...],"terminals":[...],"status":{...}}}, each part as the server's API
 * returns it.
 */
public record ServerSnapshot(List<JupyterKernel> kernels, List<JupyterSession> sessions,
                             List<JupyterTerminal> terminals, JupyterStatus status) {
    public ServerSnapshot {
        kernels = List.copyOf(kernels);
        sessions = List.copyOf(sessions);
        terminals = List.copyOf(terminals);
    }

    /** The notebook (or console) path a kernel serves, when a session names it. */
    public Optional<JupyterSession> sessionOf(String kernelId) {
        return sessions.stream().filter(s -> kernelId.equals(s.kernelId())).findFirst();
    }
}
