package dev.sundown.notifier.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Settings of the notifier. Every one is described in the module README. */
@ConfigMapping(prefix = "sundown.notifier")
public interface NotifierConfig {

    Sns sns();

    Slack slack();

    Digest digest();

    Compliance compliance();

    Retry retry();

    Topics topics();

    /** The same finding, warning or result is not sent again within this window, across restarts too. */
    @WithDefault("PT24H")
    Duration suppressionWindow();

    /** How often open compliance groups and the digest schedule are checked. */
    @WithDefault("PT1S")
    Duration tick();

    interface Sns {
        /** Publish to Amazon SNS. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("us-east-1")
        String region();

        /** Endpoint override, e.g. a local stand-in; empty means AWS's regional endpoint. */
        Optional<URI> endpoint();

        /** Static credentials; empty means the default AWS credentials chain (role, environment, profile). */
        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /** Topic for admins: compliance, coverage, failures, digests, and warnings whose owner has no topic. */
        Optional<String> adminTopicArn();

        /** Owner (profile, space or target) to the ARN of a topic their e-mail is subscribed to, for warnings. */
        Map<String, String> ownerTopics();

        /**
         * Send compliance scans with MessageStructure=json whose default body is the extension checker's
         * {"profiles_with_no_auto_shutdown_ext":[...]} and whose e-mail body is the readable text.
         */
        @WithDefault("false")
        boolean legacyBody();

        /** A long list is split over at most this many messages; the rest is summarised. */
        @WithDefault("10")
        int maxParts();

        /** Time allowed for one Publish call. */
        @WithDefault("PT10S")
        Duration timeout();
    }

    interface Slack {
        /** Post to Slack. */
        @WithDefault("true")
        boolean enabled();

        /** Incoming webhook of the admin channel (a secret: never logged). */
        @WithName("webhook-url")
        Optional<String> webhookUrl();

        /** Per-kind webhooks (compliance, coverage, warning, failure, digest) used instead of the admin one. */
        Map<String, String> webhooks();

        /** Owner (profile, space or target) to Slack user id, for a mention in warnings. */
        Map<String, String> owners();

        /** Time allowed for one webhook call. */
        @WithDefault("PT10S")
        Duration timeout();
    }

    interface Digest {
        /** Length of a digest period, aligned to the epoch in UTC (P1D: midnight to midnight UTC). */
        @WithDefault("P1D")
        Duration period();

        /** Send a scheduled digest even when the period had no results. */
        @WithDefault("false")
        boolean sendEmpty();

        /** Send the scheduled digest at all (on-demand POST /digest works either way). */
        @WithDefault("true")
        boolean scheduled();
    }

    interface Compliance {
        /** Once a scan's summary is in, wait this long for late findings before sending. */
        @WithDefault("PT10S")
        Duration settle();

        /** A scan group is sent after this long even without its summary. */
        @WithDefault("PT2M")
        Duration maxWait();

        /** Coverage changes of one domain within this time make one message. */
        @WithDefault("PT5S")
        Duration coverageLinger();
    }

    interface Retry {
        /** Attempts per message and channel, the first included; then the message goes to the dead-letter topic. */
        @WithDefault("5")
        int maxAttempts();

        @WithDefault("PT1S")
        Duration initialBackoff();

        @WithDefault("PT1M")
        Duration maxBackoff();

        /** Longest wait honoured from Slack's Retry-After. */
        @WithDefault("PT5M")
        Duration maxRetryAfter();
    }

    interface Topics {
        /** Where accepted notifications wait for each channel's worker (created at startup if missing). */
        @WithDefault("sundown.notifier.outbox.v1")
        String outbox();

        /** Compacted log of what was sent, reloaded at startup for deduplication (created if missing). */
        @WithDefault("sundown.notifier.sent.v1")
        String sent();

        @WithDefault("3")
        int outboxPartitions();

        /** Replication factor of the two topics above when the notifier creates them. */
        @WithDefault("1")
        short replicationFactor();
    }
}
