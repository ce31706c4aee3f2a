package dev.sundown.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a shutdown command ended. Exactly one result per command. */
public enum Outcome {
    DONE("done"),
    ALREADY_GONE("already-gone"),
    SKIPPED_BECAME_ACTIVE("skipped-became-active"),
    SKIPPED_EXEMPT("skipped-exempt"),
    SKIPPED_DRY_RUN("skipped-dry-run"),
    FAILED("failed");

    private final String wire;

    Outcome(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** True when the resource no longer runs because of (or regardless of) this command. */
    public boolean stopped() {
        return this == DONE || this == ALREADY_GONE;
    }

    @JsonCreator
    public static Outcome of(String value) {
        for (Outcome o : values()) {
            if (o.wire.equals(value)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown outcome '" + value + "'");
    }
}
