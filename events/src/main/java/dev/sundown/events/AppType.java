package dev.sundown.events;

/** SageMaker app types Sundown knows, plus the whole-server pseudo-type of a self-managed Jupyter server. */
public enum AppType {
    JupyterServer,
    KernelGateway,
    JupyterLab,
    CodeEditor,
    RStudioServerPro,
    RSessionGateway,
    Canvas,
    TensorBoard,
    DetailedProfiler,
    MlFlow;

    /** Apps that host kernels and terminals a collector can read through the Jupyter API. */
    public boolean hostsJupyterServer() {
        return this == JupyterServer || this == JupyterLab;
    }

    public static AppType parse(String value) {
        for (AppType t : values()) {
            if (t.name().equals(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown app type '" + value + "'");
    }
}
