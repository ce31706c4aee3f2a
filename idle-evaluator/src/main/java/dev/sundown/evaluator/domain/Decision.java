package dev.sundown.evaluator.domain;

import dev.sundown.events.ComplianceFinding;
import dev.sundown.events.ShutdownCommand;
import dev.sundown.events.ShutdownWarning;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of evaluating one app at one instant.
 *
 * @param state   the state to keep (with the warnings and commands just sent recorded)
 * @param nextDue when the app must be evaluated again if no event arrives; null when only an event can change it
 * @param forget  the app has not been observed for so long that its state is dropped
 */
public record Decision(AppState state, List<ShutdownWarning> warnings, List<ShutdownCommand> commands,
                       List<ComplianceFinding> findings, Instant nextDue, boolean forget, Assessment assessment) {
    public Decision {
        warnings = List.copyOf(warnings);
        commands = List.copyOf(commands);
        findings = List.copyOf(findings);
    }
}
