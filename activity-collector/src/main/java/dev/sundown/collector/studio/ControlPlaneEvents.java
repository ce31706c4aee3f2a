package dev.sundown.collector.studio;

import dev.sundown.collector.publish.OutgoingEvent;
import dev.sundown.collector.studio.DomainView.AppView;
import dev.sundown.events.AppKey;
import dev.sundown.events.AppObserved;
import dev.sundown.events.AppType;
import dev.sundown.events.SourceUnobserved;
import dev.sundown.events.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * App events from a domain's control plane (source {@code sagemaker/<domainId>}). They carry no kernel or
 * terminal inventory (null: unknown, never "gone"); {@code lastUserActivity} is SageMaker's weak signal.
 */
public final class ControlPlaneEvents {

    private ControlPlaneEvents() {
    }

    public static String source(String domainId) {
        return "sagemaker/" + domainId;
    }

    /** The app key of an app, or empty when its type or name cannot be a Sundown key. */
    public static Optional<AppKey> keyOf(String domainId, AppView app) {
        try {
            return Optional.of(AppKey.studio(domainId, app.owner(), AppType.parse(app.appType()), app.appName()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static List<OutgoingEvent> of(DomainView view, Instant observedAt) {
        List<OutgoingEvent> out = new ArrayList<>();
        for (AppView app : view.apps()) {
            keyOf(view.domainId(), app).ifPresent(key -> out.add(new OutgoingEvent(Topics.APP_ACTIVITY,
                    key.toString(), new AppObserved(key, source(view.domainId()), app.ownerKind(), app.status(),
                            app.instanceType(), app.image(), app.creationTime(), app.lastHealthCheck(),
                            app.lastUserActivity(), null, null, app.tags(), observedAt))));
        }
        return out;
    }

    /** Unobserved reports for every app of a source that could not be read. */
    public static List<OutgoingEvent> unobserved(Collection<AppKey> apps, String source, String reason,
                                                 Instant lastObservedAt, Instant attemptedAt) {
        List<OutgoingEvent> out = new ArrayList<>();
        for (AppKey key : apps) {
            out.add(new OutgoingEvent(Topics.APP_ACTIVITY, key.toString(),
                    new SourceUnobserved(key, source, reason, lastObservedAt, attemptedAt)));
        }
        return out;
    }
}
