package dev.sundown.events;

/** Who an app belongs to. */
public enum OwnerKind {
    USER_PROFILE, SPACE, JUPYTER_TARGET
}
