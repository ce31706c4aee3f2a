package dev.sundown.events;

import java.time.Instant;

/**
 * One kernel as read from a Jupyter server's {@code /api/kernels} (joined with {@code /api/sessions}).
 *
 * @param appKey         the app that runs the kernel (a KernelGateway app in Studio, the server itself otherwise)
 * @param source         the observed source (static target name, or {@code studio:<domain>/<profile>})
 * @param kernelId       Jupyter's kernel id
 * @param kernelName     kernel spec name, e.g. {@code python3}
 * @param executionState Jupyter's {@code execution_state}
 * @param connections    open channel connections
 * @param lastActivity   Jupyter's {@code last_activity}
 * @param notebookPath   the session's path when a session exists, else null
 * @param observedAt     when the collector read it
 */
public record KernelObserved(AppKey appKey, String source, String kernelId, String kernelName,
                             ExecutionState executionState, int connections, Instant lastActivity,
                             String notebookPath, Instant observedAt) implements EventData {
    public KernelObserved {
        Require.present(appKey, "appKey");
        Require.text(source, "source");
        Require.text(kernelId, "kernelId");
        executionState = executionState == null ? ExecutionState.UNKNOWN : executionState;
        Require.present(lastActivity, "lastActivity");
        Require.present(observedAt, "observedAt");
    }

    @Override
    public String subject() {
        return appKey.toString();
    }
}
