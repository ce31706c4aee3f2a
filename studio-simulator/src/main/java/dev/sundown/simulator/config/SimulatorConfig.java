package dev.sundown.simulator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/** Settings of the simulator (prefix {@code simulator}, e.g. {@code -Dsimulator.world=/path/world.yaml}). */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {

    /** World file: a path on disk or {@code classpath:...}; YAML or JSON. */
    @WithDefault("classpath:worlds/demo.yaml")
    String world();

    /** Overrides the world file's {@code timeScale}: scripted durations are divided by it (2 = twice as fast). */
    OptionalDouble timeScale();

    /** Seed of the fault injector's random numbers; the same seed and call order give the same faults. */
    @WithDefault("42")
    long seed();

    /**
     * Base URL put into presigned Studio URLs (e.g. {@code http://simulator:8090} in docker-compose).
     * Absent: the scheme and Host header of the CreatePresignedDomainUrl request.
     */
    Optional<String> publicUrl();

    /** SageMaker control plane. */
    SageMaker sagemaker();

    /** Studio front door. */
    Studio studio();

    /** Amazon SNS. */
    Sns sns();

    /** Slack incoming webhooks. */
    Slack slack();

    /** Jupyter proxy mode. */
    Proxy proxy();

    /** Recorded calls and messages. */
    Records records();

    interface SageMaker {
        /** Page size of List* operations when the request has no MaxResults (real SageMaker uses larger pages). */
        @WithDefault("5")
        int defaultPageSize();

        /** Time from CreateApp (Pending) to InService. */
        @WithDefault("2s")
        Duration createDelay();

        /** Time from DeleteApp (Deleting) to Deleted. */
        @WithDefault("2s")
        Duration deleteDelay();

        /** How long a Deleted app stays listed by ListApps and DescribeApp. */
        @WithDefault("5m")
        Duration deletedRetention();

        /** Period of Studio's app health checks, which also bump LastUserActivityTimestamp. */
        @WithDefault("60s")
        Duration healthCheckInterval();
    }

    interface Studio {
        /** Overrides the session lifetime requested with SessionExpirationDurationInSeconds. */
        Optional<Duration> sessionDuration();

        /**
         * What a request without a valid session gets: {@code forbidden} (403 JSON for every request) or
         * {@code redirect} (GET requests get a 302 to the HTML login page, other methods 403 JSON).
         */
        @WithDefault("forbidden")
        String unauthenticated();

        /** Name of the session cookie set by the presigned login. */
        @WithDefault("studio_session")
        String sessionCookie();
    }

    interface Sns {
        /** Publish to a topic that was never created succeeds and creates it (real SNS answers NotFound). */
        @WithDefault("false")
        boolean autoCreateTopics();
    }

    interface Slack {
        /** Path prefix of the webhook receiver; the rest of the path names the webhook/channel. */
        @WithDefault("/slack/webhook")
        String pathPrefix();
    }

    interface Proxy {
        /** Timeout of one proxied request to a real Jupyter Server. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface Records {
        /** Most entries kept per record list (calls, SNS messages, Slack messages); older ones are dropped. */
        @WithDefault("10000")
        int limit();
    }
}
