package dev.sundown.events;

/** What a command stops. */
public enum ResourceKind {
    /** One kernel, deleted through the Jupyter API. */
    KERNEL,
    /** One terminal, deleted through the Jupyter API. */
    TERMINAL,
    /** A whole SageMaker app, deleted with DeleteApp. */
    APP
}
