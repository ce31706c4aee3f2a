package dev.sundown.notifier.domain;

/** What was already said within the suppression window. */
public interface Suppression {

    /** True when {@code key} was recorded within the suppression window. */
    boolean recentlySent(String key);
}
