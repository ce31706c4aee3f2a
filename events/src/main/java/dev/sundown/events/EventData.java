package dev.sundown.events;

/**
 * The {@code data} of a Sundown CloudEvent. Each implementation is registered once in {@link EventType},
 * which gives it its CloudEvents {@code type} and its JSON Schema.
 */
public sealed interface EventData
        permits KernelObserved, TerminalObserved, AppObserved, SourceUnobserved, ShutdownCommand,
        ShutdownResult, ShutdownWarning, ComplianceFinding, ComplianceSummary, IdlePolicy, DeadLetter {

    /** The CloudEvents {@code subject}: the app key for app-scoped events, otherwise a natural id. */
    String subject();
}
