package dev.sundown.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A kernel's {@code execution_state} as Jupyter reports it; anything else reads as {@link #UNKNOWN}. */
public enum ExecutionState {
    STARTING, IDLE, BUSY, RESTARTING, AUTORESTARTING, DEAD, UNKNOWN;

    @JsonCreator
    public static ExecutionState of(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
