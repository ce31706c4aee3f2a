package dev.sundown.evaluator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Settings of the idle evaluator. */
@ConfigMapping(prefix = "sundown.evaluator")
public interface EvaluatorConfig {

    /** The global default policy: every field of it is set, scopes on the policy topic override it. */
    DefaultPolicy defaultPolicy();

    /** How often the collector polls each source; the staleness window defaults to three of these. */
    @WithDefault("PT60S")
    Duration pollInterval();

    /**
     * A source not observed for longer than this freezes its apps' clocks and raises a coverage-lost finding.
     * Defaults to three poll intervals.
     */
    Optional<Duration> stalenessWindow();

    /** An app none of whose sources was observed for this long is forgotten (its state dropped). */
    @WithDefault("P1D")
    Duration forgetAfter();

    /** How often (wall clock) the deadline index is scanned for what is due. */
    @WithDefault("PT0.25S")
    Duration punctuationInterval();

    /**
     * USD per hour by instance type, for the estimated saving of a shutdown. Entries here are added to (and
     * override) the built-in table: ml.t3.medium 0.05, ml.m5.4xlarge 0.922, ml.g4dn.xlarge 0.736,
     * ml.m5.large 0.115, ml.c5.xlarge 0.204.
     */
    Map<String, Double> prices();

    /** Write the configured default as the {@code global} scope on the policy topic when that topic has none. */
    @WithDefault("true")
    boolean seedGlobalPolicy();

    /**
     * {@code host:port} at which the other instances reach this one's REST API to forward queries; must be the
     * same value as {@code quarkus.kafka-streams.application-server}.
     */
    @WithDefault("localhost:8080")
    String applicationServer();

    /** The effective staleness window. */
    default Duration effectiveStalenessWindow() {
        return stalenessWindow().orElse(pollInterval().multipliedBy(3));
    }

    /** The configured global default policy. */
    interface DefaultPolicy {
        /** How long a resource may stay idle. */
        @WithDefault("PT120M")
        Duration idleLimit();

        /** How long before the deadline the owner is warned (0 disables warnings). */
        @WithDefault("PT15M")
        Duration warnBefore();

        /** An active terminal keeps its app alive. */
        @WithDefault("true")
        boolean terminalsKeepAlive();

        /** A connected but idle kernel is still idle. */
        @WithDefault("true")
        boolean ignoreConnections();

        /** Stop single idle kernels inside an app that is still in use. */
        @WithDefault("true")
        boolean shutdownKernelsIndividually();

        /** Decide and report, but mark every command as dry-run so nothing is stopped. */
        @WithDefault("false")
        boolean dryRun();
    }
}
