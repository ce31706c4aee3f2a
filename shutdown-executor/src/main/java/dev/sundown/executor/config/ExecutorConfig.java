package dev.sundown.executor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Settings of the shutdown executor. */
@ConfigMapping(prefix = "sundown.executor")
public interface ExecutorConfig {

    /** Decide and report everything but never act: every command that would act ends in {@code skipped-dry-run}. */
    @WithDefault("false")
    boolean dryRun();

    /** How calls to Jupyter and SageMaker are retried. */
    Retry retry();

    /** The SageMaker control plane. */
    SageMaker sagemaker();

    /** Jupyter servers reached with a URL and a token, and Studio's Jupyter front door. */
    Jupyter jupyter();

    /** Timeout of one HTTP call to a Jupyter server or SageMaker. */
    @WithDefault("PT10S")
    Duration requestTimeout();

    /** The record of processed command ids that makes replays harmless. */
    Idempotency idempotency();

    interface Retry {
        /** Calls made for one step (a read or the action) before giving up. */
        @WithDefault("5")
        int maxAttempts();

        /** Wait before the second call; doubles with every further call. */
        @WithDefault("PT0.2S")
        Duration initialBackoff();

        /** Longest wait between two calls. */
        @WithDefault("PT5S")
        Duration maxBackoff();

        /** Longest time one command may take from the start of its processing; no call starts after it. */
        @WithDefault("PT60S")
        Duration deadline();
    }

    interface SageMaker {
        /** AWS region of the SageMaker client. */
        @WithDefault("us-east-1")
        String region();

        /** Endpoint override (a local stand-in); the regional endpoint when empty. */
        Optional<URI> endpointOverride();

        /** Calls per second the executor makes towards SageMaker for one domain (a token bucket per domain). */
        @WithDefault("2")
        double callsPerSecond();

        /** Static access key id; the default AWS credentials chain when empty. */
        Optional<String> accessKeyId();

        /** Static secret access key, used with {@link #accessKeyId()}. */
        Optional<String> secretAccessKey();
    }

    interface Jupyter {
        /**
         * Static Jupyter servers (app key {@code jupyter/<name>}) as flat keys under
         * {@code sundown.executor.jupyter.targets}: {@code <name>.url} (base URL, e.g. {@code http://127.0.0.1:8888})
         * and {@code <name>.token} (sent as {@code Authorization: token <token>}), grouped by {@link StaticTargets}.
         */
        Map<String, String> targets();

        /**
         * Path of a user profile's Jupyter server (its JupyterServer app) behind Studio's front door, appended to
         * the presigned URL's origin.
         */
        @WithDefault("/jupyter/default")
        String studioBasePath();

        /** Path of a space's Jupyter server (its JupyterLab app) behind Studio's front door. */
        @WithDefault("/jupyterlab/default")
        String studioSpaceBasePath();
    }

    interface Idempotency {
        /** Read the results topic at startup (and keep tailing it) so a replayed command does not act twice. */
        @WithDefault("true")
        boolean loadResults();

        /** Most command ids remembered; the oldest are forgotten first. */
        @WithDefault("200000")
        int maxIds();

        /** Longest wait for the results topic to be read at startup before commands are processed anyway. */
        @WithDefault("PT60S")
        Duration loadTimeout();
    }
}
