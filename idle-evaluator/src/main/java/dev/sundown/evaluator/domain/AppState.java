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
        tags = FrozenMap.of(tags);
        kernels = FrozenMap.of(kernels);
        terminals = FrozenMap.of(terminals);
        sources = FrozenMap.of(sources);
        unobserved = FrozenMap.of(unobserved);
        issued = FrozenMap.of(issued);
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

    /**
     * A mutable copy used while applying one event or one decision. Its maps are the state's own (immutable) maps
     * until one is first changed through its {@code edit...} method, which copies it then: an event touches one or two
     * of the six maps, and a decision usually none.
     */
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
        /** Read-only views; change them only through the {@code edit...} methods. */
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
        /** Bits of the maps this builder has copied and may change. */
        private int owned;

        private static final int KERNELS = 1;
        private static final int TERMINALS = 2;
        private static final int SOURCES = 4;
        private static final int UNOBSERVED = 8;
        private static final int ISSUED = 16;

        private Builder(AppState s) {
            appKey = s.appKey;
            ownerKind = s.ownerKind;
            status = s.status;
            instanceType = s.instanceType;
            image = s.image;
            tags = s.tags;
            creationTime = s.creationTime;
            lastUserActivity = s.lastUserActivity;
            inventoryKnown = s.inventoryKnown;
            inventoryObservedAt = s.inventoryObservedAt;
            kernels = s.kernels;
            terminals = s.terminals;
            kernelActivity = s.kernelActivity;
            terminalActivity = s.terminalActivity;
            emptySince = s.emptySince;
            clockFloor = s.clockFloor;
            sources = s.sources;
            unobserved = s.unobserved;
            coverageLostAt = s.coverageLostAt;
            issued = s.issued;
            indexedAt = s.indexedAt;
        }

        Map<String, Child> editKernels() {
            return kernels = own(kernels, KERNELS);
        }

        Map<String, Child> editTerminals() {
            return terminals = own(terminals, TERMINALS);
        }

        Map<String, Instant> editSources() {
            return sources = own(sources, SOURCES);
        }

        Map<String, Unobserved> editUnobserved() {
            return unobserved = own(unobserved, UNOBSERVED);
        }

        Map<String, Issued> editIssued() {
            return issued = own(issued, ISSUED);
        }

        /** {@code map} itself when this builder already copied it ({@code bit} set), else a copy it now owns. */
        private <V> Map<String, V> own(Map<String, V> map, int bit) {
            if ((owned & bit) != 0) {
                return map;
            }
            owned |= bit;
            return new TreeMap<>(map);
        }

        private <V> Map<String, V> freeze(Map<String, V> map, int bit) {
            return FrozenMap.adopt(map, (owned & bit) != 0);
        }

        /** The state; the builder can go on being used, and copies again whatever it changes next. */
        AppState build() {
            if (owned != 0) {
                // hand the copies over, frozen, and forget that they were ours
                kernels = freeze(kernels, KERNELS);
                terminals = freeze(terminals, TERMINALS);
                sources = freeze(sources, SOURCES);
                unobserved = freeze(unobserved, UNOBSERVED);
                issued = freeze(issued, ISSUED);
                owned = 0;
            }
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
