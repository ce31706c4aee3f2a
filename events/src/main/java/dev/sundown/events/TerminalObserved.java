package dev.sundown.events;

import java.time.Instant;

/**
 * One terminal as read from a Jupyter server's {@code /api/terminals}.
 *
 * @param lastActivity Jupyter's {@code last_activity}: moves whenever the terminal reads input or writes output
 */
public record TerminalObserved(AppKey appKey, String source, String terminalName, Instant lastActivity,
                               Instant observedAt) implements EventData {
    public TerminalObserved {
        Require.present(appKey, "appKey");
        Require.text(source, "source");
        Require.text(terminalName, "terminalName");
        Require.present(lastActivity, "lastActivity");
        Require.present(observedAt, "observedAt");
    }

    @Override
    public String subject() {
        return appKey.toString();
    }
}
