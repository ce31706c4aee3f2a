package dev.sundown.evaluator.support;

import dev.sundown.events.AppKey;
import dev.sundown.events.AppObserved;
import dev.sundown.events.AppType;
import dev.sundown.events.CloudEvent;
import dev.sundown.events.ExecutionState;
import dev.sundown.events.IdlePolicy;
import dev.sundown.events.KernelObserved;
import dev.sundown.events.OwnerKind;
import dev.sundown.events.PolicyScope;
import dev.sundown.events.SourceUnobserved;
import dev.sundown.events.TerminalObserved;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Observations as the collector writes them, for tests. */
public final class Events {

    public static final URI COLLECTOR = URI.create("/sundown/activity-collector");
    public static final AppKey KG_APP = AppKey.studio("d-1", "alice", AppType.KernelGateway, "datascience-1-0-ml-t3-medium-abc");
    public static final String STUDIO_SOURCE = "studio/d-1/alice";

    private Events() {
    }

    public static KernelObserved kernel(AppKey app, String id, ExecutionState state, Instant lastActivity,
                                        Instant observedAt) {
        return new KernelObserved(app, sourceOf(app), id, "python3", state, 0, lastActivity, "work/" + id + ".ipynb",
                observedAt);
    }

    public static TerminalObserved terminal(AppKey app, String name, Instant lastActivity, Instant observedAt) {
        return new TerminalObserved(app, sourceOf(app), name, lastActivity, observedAt);
    }

    /** An app read through Jupyter with its full inventory. */
    public static AppObserved app(AppKey app, List<String> kernels, List<String> terminals, Instant observedAt) {
        return app(app, kernels, terminals, Map.of(), null, "ml.t3.medium", observedAt);
    }

    public static AppObserved app(AppKey app, List<String> kernels, List<String> terminals, Map<String, String> tags,
                                  String image, String instanceType, Instant observedAt) {
        OwnerKind kind = app.isJupyterTarget() ? OwnerKind.JUPYTER_TARGET : OwnerKind.USER_PROFILE;
        return new AppObserved(app, sourceOf(app), kind, "InService", instanceType, image, null, null, null,
                kernels, terminals, tags, observedAt);
    }

    public static SourceUnobserved unobserved(AppKey app, String reason, Instant lastObservedAt, Instant at) {
        return new SourceUnobserved(app, sourceOf(app), reason, lastObservedAt, at);
    }

    public static IdlePolicy policy(PolicyScope scope, Duration limit, Duration warnBefore, Boolean exempt,
                                    Instant at) {
        return new IdlePolicy(scope, limit, warnBefore, exempt, null, null, null, null, "test", at);
    }

    public static String sourceOf(AppKey app) {
        return app.isJupyterTarget() ? "jupyter/" + app.appName() : "studio/" + app.domainId() + "/" + app.owner();
    }

    public static <T extends dev.sundown.events.EventData> CloudEvent<T> envelope(T data, Instant at) {
        return CloudEvent.of(COLLECTOR, at, data);
    }
}
