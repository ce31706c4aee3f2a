package dev.sundown.evaluator.domain;

import dev.sundown.events.AppKey;
import dev.sundown.events.OwnerKind;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the evaluator knows about one app: its children, its clocks, its sources and what was already
 * sent for the current idle periods. Immutable; {@link IdleRules} derives new states from events.
 *
 * @param status              SageMaker (or Jupyter) status; null until the app itself was observed
 * @param inventoryKnown      the app's kernels and terminals were read from Jupyter at least once
 * @param inventoryObservedAt time of the newest inventory
 * @param kernelActivity      newest activity of the app apart from terminals: kernels (including removed ones),
 *                            creation, the moment it became empty, a new kernel appearing
 * @param terminalActivity    newest terminal activity, including removed terminals
 * @param emptySince          when the app was first seen without any kernel or terminal; null when it has some
 * @param clockFloor          no idle period starts before this (set when a stale source comes back)
 * @param sources             last successful observation per source
 * @param unobserved          sources reported unreadable since their last successful observation
 * @param coverageLostAt      when the coverage-lost finding was sent; null while covered
 * @param issued              warnings and commands already sent, per resource ({@code app:x}, {@code kernel:k})
 * @param indexedAt           epoch millis of this app's entry in the deadline index; null when it has none
 */
public record AppState(AppKey appKey, OwnerKind ownerKind, String status, String instanceType, String image,
                       Map<String, String> tags, Instant creationTime, Instant lastUserActivity,
                       boolean inventoryKnown, Instant inventoryObservedAt, Map<String, Child> kernels,
                       Map<String, Child> terminals, Instant kernelActivity, Instant terminalActivity,
                       Instant emptySince, Instant clockFloor, Map<String, Instant> sources,
                       Map<String, Unobserved> unobserved, Instant coverageLostAt, Map<String, Issued> issued,
                       Long indexedAt) {

    public AppState {
        tags = tags == null ? Map.of() : new TreeMap<>(tags);
        kernels = kernels == null ? Map.of() : new TreeMap<>(kernels);
        terminals = terminals == null ? Map.of() : new TreeMap<>(terminals);
        sources = sources == null ? Map.of() : new TreeMap<>(sources);
        unobserved = unobserved == null ? Map.of() : new TreeMap<>(unobserved);
        issued = issued == null ? Map.of() : new TreeMap<>(issued);
    }

    /** A state for an app seen for the first time. */
    public static AppState empty(AppKey key) {
        OwnerKind kind = key.isJupyterTarget() ? OwnerKind.JUPYTER_TARGET : OwnerKind.USER_PROFILE;
        return new AppState(key, kind, null, null, null, null, null, null, false, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    /** The owner segment used to address people: the profile or space, or the target name. */
    public String owner() {
        return appKey.isJupyterTarget() ? appKey.appName() : appKey.owner();
    }

    /** The domain of a finding: the Studio domain, or {@code jupyter} for a static target. */
    public String findingDomain() {
        return appKey.isJupyterTarget() ? AppKey.JUPYTER_PREFIX : appKey.domainId();
    }

    /** Newest successful observation of any source, or null. */
    public Instant newestObservation() {
        return sources.values().stream().max(Instant::compareTo).orElse(null);
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** A mutable copy used while applying one event or one decision. */
    static final class Builder {
        AppKey appKey;
        OwnerKind ownerKind;
        String status;
        String instanceType;
        String image;
        Map<String, String> tags;
        Instant creationTime;
        Instant lastUserActivity;
        boolean inventoryKnown;
        Instant inventoryObservedAt;
        Map<String, Child> kernels;
        Map<String, Child> terminals;
        Instant kernelActivity;
        Instant terminalActivity;
        Instant emptySince;
        Instant clockFloor;
        Map<String, Instant> sources;
        Map<String, Unobserved> unobserved;
        Instant coverageLostAt;
        Map<String, Issued> issued;
        Long indexedAt;

        private Builder(AppState s) {
            appKey = s.appKey;
            ownerKind = s.ownerKind;
            status = s.status;
            instanceType = s.instanceType;
            image = s.image;
            tags = new TreeMap<>(s.tags);
            creationTime = s.creationTime;
            lastUserActivity = s.lastUserActivity;
            inventoryKnown = s.inventoryKnown;
            inventoryObservedAt = s.inventoryObservedAt;
            kernels = new TreeMap<>(s.kernels);
            terminals = new TreeMap<>(s.terminals);
            kernelActivity = s.kernelActivity;
            terminalActivity = s.terminalActivity;
            emptySince = s.emptySince;
            clockFloor = s.clockFloor;
            sources = new TreeMap<>(s.sources);
            unobserved = new TreeMap<>(s.unobserved);
            coverageLostAt = s.coverageLostAt;
            issued = new TreeMap<>(s.issued);
            indexedAt = s.indexedAt;
        }

        AppState build() {
            return new AppState(appKey, ownerKind, status, instanceType, image, tags, creationTime,
                    lastUserActivity, inventoryKnown, inventoryObservedAt, kernels, terminals, kernelActivity,
                    terminalActivity, emptySince, clockFloor, sources, unobserved, coverageLostAt, issued,
                    indexedAt);
        }
    }

    /** The same state with its deadline-index position recorded. */
    public AppState withIndexedAt(Long millis) {
        Builder b = toBuilder();
        b.indexedAt = millis;
        return b.build();
    }
}
