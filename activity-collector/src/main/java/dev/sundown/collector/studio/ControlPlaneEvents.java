package dev.sundown.collector.studio;

import dev.sundown.collector.publish.OutgoingEvent;
import dev.sundown.collector.studio.DomainView.AppView;
import dev.sundown.collector.studio.DomainView.DeletedApp;
import dev.sundown.events.AppKey;
import dev.sundown.events.AppObserved;
import dev.sundown.events.AppType;
import dev.sundown.events.SourceUnobserved;
import dev.sundown.events.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * App events from a domain's control plane (source {@code sagemaker/<domainId>}). They carry no kernel or
 * terminal inventory (null: unknown, never "gone"); {@code lastUserActivity} is SageMaker's weak signal. An app
 * ListApps lists as Deleted is announced once with status {@code Deleted} ({@link #deleted}).
 */
public final class ControlPlaneEvents {

    /** SageMaker's status of a deleted app. */
    public static final String DELETED = "Deleted";

    private ControlPlaneEvents() {
    }

    public static String source(String domainId) {
        return "sagemaker/" + domainId;
    }

    /** The app key of an app, or empty when its type or name cannot be a Sundown key. */
    public static Optional<AppKey> keyOf(String domainId, AppView app) {
        return keyOf(domainId, app.owner(), app.appType(), app.appName());
    }

    /** The app key of an app listed as Deleted, or empty when its type or name cannot be a Sundown key. */
    public static Optional<AppKey> keyOf(String domainId, DeletedApp app) {
        return keyOf(domainId, app.owner(), app.appType(), app.appName());
    }

    private static Optional<AppKey> keyOf(String domainId, String owner, String appType, String appName) {
        try {
            return Optional.of(AppKey.studio(domainId, owner, AppType.parse(appType), appName));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The keys of a read's live (not Deleted) apps. */
    public static Set<AppKey> liveKeys(DomainView view) {
        return keys(view, a -> true);
    }

    /**
     * The keys of a read's apps that are neither Deleting nor Deleted: those a failed read reports unobserved (a
     * report for an app on its way out would bring back the state its Deleting dropped, as a coverage loss).
     */
    public static List<AppKey> runningKeys(DomainView view) {
        return List.copyOf(keys(view, a -> !"Deleting".equals(a.status())));
    }

    private static Set<AppKey> keys(DomainView view, Predicate<AppView> which) {
        Set<AppKey> keys = new LinkedHashSet<>();
        view.apps().stream().filter(which).forEach(a -> keyOf(view.domainId(), a).ifPresent(keys::add));
        return keys;
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

    /** One deletion as ListApps lists it: the app key and the creation time of the instance that was deleted. */
    public record Deletion(AppKey key, Instant creationTime) {
    }

    /**
     * What a read says about deleted apps.
     *
     * @param events the {@code AppObserved} with status {@code Deleted} to publish now
     * @param listed every deletion this read lists for a key without a live app; once {@link #events} are
     *               published, these are the deletions already announced for the next read
     */
    public record Deletions(List<OutgoingEvent> events, Set<Deletion> listed) {
        public Deletions {
            events = List.copyOf(events);
            listed = Set.copyOf(listed);
        }
    }

    /**
     * {@code AppObserved} with status {@code Deleted} for the apps this read lists as Deleted, once per deletion:
     * <ul>
     *   <li>never for a key that also has a live app in this read (deleted and recreated under the same name):
     *       "Deleted" would drop the running app's state;</li>
     *   <li>once for each deletion (key and creation time of the deleted instance) not in {@code announced}, whether
     *       or not a read saw the app live: an app created and deleted between two reads may still have been seen
     *       through the Studio front door; SageMaker keeps listing Deleted apps for a long time, and later reads
     *       must not repeat them;</li>
     *   <li>nothing for a key that is not listed at all: a missing entry is no proof, staleness handles it.</li>
     * </ul>
     * At most one event per key and read. They carry no inventory (null), no tags, and the listing's creation time.
     *
     * @param announced the deletions of this domain already published ({@link Deletions#listed} of the last read
     *                  whose events were published); empty after a start
     */
    public static Deletions deleted(DomainView view, Set<Deletion> announced, Instant observedAt) {
        Set<AppKey> live = liveKeys(view);
        Set<Deletion> listed = new LinkedHashSet<>();
        Map<AppKey, DeletedApp> fresh = new LinkedHashMap<>();
        for (DeletedApp app : view.deletedApps()) {
            keyOf(view.domainId(), app).filter(key -> !live.contains(key)).ifPresent(key -> {
                Deletion d = new Deletion(key, app.creationTime());
                listed.add(d);
                if (!announced.contains(d)) {
                    fresh.putIfAbsent(key, app);
                }
            });
        }
        List<OutgoingEvent> out = new ArrayList<>();
        fresh.forEach((key, app) -> out.add(new OutgoingEvent(Topics.APP_ACTIVITY, key.toString(),
                new AppObserved(key, source(view.domainId()), app.ownerKind(), DELETED, null, null,
                        app.creationTime(), null, null, null, null, Map.of(), observedAt))));
        return new Deletions(out, listed);
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
