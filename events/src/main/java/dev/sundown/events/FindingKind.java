package dev.sundown.events;

/** Why a compliance finding was published. */
public enum FindingKind {
    /** A scheduled or on-demand scan's verdict on one profile or space. */
    SCAN,
    /** The evaluator saw a source go stale: its apps' clocks are frozen. */
    COVERAGE_LOST,
    /** A stale source is observed again. */
    COVERAGE_RESTORED
}
