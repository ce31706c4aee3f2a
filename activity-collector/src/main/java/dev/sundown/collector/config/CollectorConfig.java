package dev.sundown.collector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the activity-collector can be told. Every setting is documented in the module README. */
@ConfigMapping(prefix = "sundown.collector")
public interface CollectorConfig {

    /** How often each Jupyter server (static target or Studio front door) and each Studio domain is read. */
    @WithDefault("PT60S")
    Duration pollInterval();

    /**
     * Fraction of the poll interval by which each target's schedule is spread at random (0 to 0.5), so a fleet
     * of targets is not read in one burst.
     */
    @WithDefault("0.1")
    double jitter();

    /** How often the scheduler looks for due targets. */
    @WithDefault("PT1S")
    Duration tick();

    /**
     * Polls of Jupyter servers in flight at once, across all targets. Absent: sized from the number of targets so
     * that every target may wait a full {@code request-timeout} once per interval without delaying the others
     * ({@code targets × request-timeout / poll-interval}, at least 32, at most 1024).
     */
    Optional<Integer> concurrency();

    /** Deadline of one HTTP request to a Jupyter server. */
    @WithDefault("PT5S")
    Duration requestTimeout();

    /** How failing targets are read less often. */
    Backoff backoff();

    /** SageMaker Studio domains. */
    Studio studio();

    /** Self-managed Jupyter servers. */
    Jupyter jupyter();

    /** The push endpoint for agents inside Jupyter servers. */
    Push push();

    /** The coverage and settings scan of Studio profiles and spaces. */
    Compliance compliance();

    interface Backoff {
        /** Each consecutive failure multiplies the delay before the next attempt by this factor. */
        @WithDefault("2.0")
        double multiplier();

        /** Longest delay between two attempts on a failing target. */
        @WithDefault("PT10M")
        Duration max();
    }

    interface Jupyter {
        /**
         * Static targets as flat keys under {@code sundown.collector.jupyter.targets}: {@code <name>.url} (base URL,
         * with its base path), {@code <name>.token} and {@code <name>.token-file}, grouped by {@link StaticTargets}.
         */
        Map<String, String> targets();
    }

    interface Studio {
        /** Read SageMaker Studio domains. */
        @WithDefault("false")
        boolean enabled();

        /** Domain ids to read; empty reads every domain of the account and region. */
        Optional<List<String>> domains();

        /** How often the control plane of each domain is read; absent: {@code poll-interval}. */
        Optional<Duration> cycleInterval();

        /** AWS region of the domains. */
        @WithDefault("us-east-1")
        String region();

        /** SageMaker endpoint override (a VPC endpoint, or a local stand-in). */
        Optional<URI> endpointOverride();

        /** Static access key id; without it the SDK's default credentials chain is used. */
        Optional<String> accessKeyId();

        /** Static secret access key, with {@code access-key-id}. */
        Optional<String> secretAccessKey();

        /** Most SageMaker HTTP attempts (retries included) one cycle may make; past it the cycle fails. */
        @WithDefault("5000")
        int callBudget();

        /** Attempts per SageMaker call, the first included, for throttling and 5xx. */
        @WithDefault("4")
        int maxAttempts();

        /** Base delay of the SDK's exponential backoff between attempts. */
        @WithDefault("PT0.1S")
        Duration retryBaseDelay();

        /** Longest delay between two attempts of one call. */
        @WithDefault("PT5S")
        Duration retryMaxDelay();

        /** How long profile, space and app tags are cached before ListTags is called again. */
        @WithDefault("PT15M")
        Duration tagsRefresh();

        /** Read each InService JupyterServer/JupyterLab app through its Jupyter front door. */
        @WithDefault("true")
        boolean frontDoor();

        /** Path of a user profile's JupyterServer app behind the Studio domain URL. */
        @WithDefault("/jupyter/default")
        String jupyterPath();

        /** Path of a space's JupyterLab app behind the Studio domain URL. */
        @WithDefault("/jupyterlab/default")
        String jupyterlabPath();

        /** Lifetime of the Studio session requested with CreatePresignedDomainUrl (1800 to 43200 s). */
        @WithDefault("PT1H")
        Duration sessionDuration();
    }

    interface Push {
        /** Accept snapshots on {@code POST /push/{target}}. */
        @WithDefault("false")
        boolean enabled();

        /** Push targets by name; the name becomes the app key {@code jupyter/<name>}. */
        Map<String, PushTarget> targets();

        /**
         * A push target that has not posted for this long is reported unobserved (then again every such period),
         * since a silent agent must not read as an idle server.
         */
        @WithDefault("PT5M")
        Duration staleAfter();

        /** Largest snapshot accepted, in bytes; larger ones get 413. */
        @WithDefault("1048576")
        int maxBytes();
    }

    interface PushTarget {
        /** The token the agent sends as {@code Authorization: Bearer <token>} (or {@code token <token>}). */
        Optional<String> token();

        /** A file holding the token (a mounted secret). */
        Optional<Path> tokenFile();

        /**
         * The Studio profile or space this agent runs in, as {@code <domainId>/<profile-or-space>}, so the
         * compliance scan counts it as covered.
         */
        Optional<String> studioOwner();
    }

    interface Compliance {
        /** Run the scheduled scan (it needs Studio enabled); {@code POST /compliance/scan} works regardless. */
        @WithDefault("true")
        boolean enabled();

        /** How often the scan runs. */
        @WithDefault("PT1H")
        Duration interval();

        /** A profile or space observed within this window counts as covered. */
        @WithDefault("PT5M")
        Duration stalenessWindow();
    }
}
