package dev.sundown.notifier.domain;

/** Something an admin should act on, found in one compliance finding. */
public enum Problem {
    NOT_COVERED("not covered"),
    NO_LIFECYCLE_CONFIG("no lifecycle configuration"),
    IDLE_SHUTDOWN_OFF("built-in idle shutdown off"),
    COVERAGE_LOST("coverage lost"),
    COVERAGE_RESTORED("coverage restored");

    private final String label;

    Problem(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
