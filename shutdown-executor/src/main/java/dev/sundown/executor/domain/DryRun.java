package dev.sundown.executor.domain;

import dev.sundown.events.ShutdownCommand;

/** Dry-run comes from two places: the executor's global switch and the policy the command was decided under. */
public final class DryRun {

    private DryRun() {
    }

    public static boolean applies(boolean globalSwitch, ShutdownCommand command) {
        return globalSwitch || command.policy().dryRun();
    }
}
