package dev.sundown.collector.jupyter;

import dev.sundown.events.ExecutionState;
import java.time.Instant;

/**
 * One entry of {@code /api/kernels}.
 *
 * @param appName Studio only: the KernelGateway app the kernel runs on, as Studio's server reports it; else null
 */
public record JupyterKernel(String id, String name, ExecutionState executionState, int connections,
                            Instant lastActivity, String appName) {
}
