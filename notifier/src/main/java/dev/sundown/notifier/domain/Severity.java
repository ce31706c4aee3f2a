package dev.sundown.notifier.domain;

import java.util.Locale;

/** The SNS {@code severity} attribute, for subscription filter policies. */
public enum Severity {
    INFO, WARNING, ERROR;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
