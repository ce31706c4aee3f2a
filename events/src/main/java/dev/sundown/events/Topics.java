package dev.sundown.events;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The registry of Sundown's topics. Names are part of the public contract; a breaking change gets a new .v2 topic. */
public final class Topics {

    /**
     * Partitions of the app-keyed topics. The three activity topics must share it (co-partitioning), and so
     * should commands, results and notices so one app's trail stays in order.
     */
    public static final int APP_PARTITIONS = 6;

    public static final Topic KERNEL_ACTIVITY = new Topic("sundown.activity.kernel.v1",
            Set.of(EventType.KERNEL_OBSERVED), "app key", false, Duration.ofDays(1), APP_PARTITIONS,
            "One record per kernel per observation.");
    public static final Topic TERMINAL_ACTIVITY = new Topic("sundown.activity.terminal.v1",
            Set.of(EventType.TERMINAL_OBSERVED), "app key", false, Duration.ofDays(1), APP_PARTITIONS,
            "One record per terminal per observation.");
    public static final Topic APP_ACTIVITY = new Topic("sundown.activity.app.v1",
            Set.of(EventType.APP_OBSERVED, EventType.SOURCE_UNOBSERVED), "app key", false, Duration.ofDays(1),
            APP_PARTITIONS, "One record per app per observation with its inventory, or an unobserved report.");
    public static final Topic SHUTDOWN_COMMANDS = new Topic("sundown.shutdown.command.v1",
            Set.of(EventType.SHUTDOWN_COMMAND), "app key", false, Duration.ofDays(30), APP_PARTITIONS,
            "Orders to stop a kernel, a terminal or an app.");
    public static final Topic SHUTDOWN_RESULTS = new Topic("sundown.shutdown.result.v1",
            Set.of(EventType.SHUTDOWN_RESULT), "app key", false, Duration.ofDays(90), APP_PARTITIONS,
            "Exactly one per command.");
    public static final Topic NOTICES = new Topic("sundown.notice.v1",
            Set.of(EventType.SHUTDOWN_WARNING), "app key", false, Duration.ofDays(30), APP_PARTITIONS,
            "Warnings ahead of a shutdown.");
    public static final Topic COMPLIANCE = new Topic("sundown.compliance.v1",
            Set.of(EventType.COMPLIANCE_FINDING, EventType.COMPLIANCE_SUMMARY),
            "<domainId>/<profile-or-space> for a finding, <domainId> for a summary", false, Duration.ofDays(30),
            3, "Coverage and settings findings, and one summary per domain and scan.");
    public static final Topic POLICIES = new Topic("sundown.policy.v1", Set.of(EventType.IDLE_POLICY),
            "policy scope", true, null, 1, "Idle policies by scope; a tombstone deletes a scope.");
    public static final Topic DEAD_LETTERS = new Topic("sundown.deadletter.v1", Set.of(EventType.DEAD_LETTER),
            "the original record's key, when it had one", false, Duration.ofDays(30), 1,
            "Records a service could not process, with the reason.");

    private static final List<Topic> ALL = List.of(KERNEL_ACTIVITY, TERMINAL_ACTIVITY, APP_ACTIVITY,
            SHUTDOWN_COMMANDS, SHUTDOWN_RESULTS, NOTICES, COMPLIANCE, POLICIES, DEAD_LETTERS);

    private Topics() {
    }

    public static List<Topic> all() {
        return ALL;
    }

    public static Optional<Topic> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
