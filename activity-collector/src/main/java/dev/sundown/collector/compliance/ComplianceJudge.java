package dev.sundown.collector.compliance;

import dev.sundown.collector.poll.ObservationLedger;
import dev.sundown.collector.poll.ReadFailure;
import dev.sundown.collector.publish.OutgoingEvent;
import dev.sundown.collector.studio.DomainView;
import dev.sundown.collector.studio.DomainView.OwnerView;
import dev.sundown.events.ComplianceFinding;
import dev.sundown.events.ComplianceSummary;
import dev.sundown.events.FindingKind;
import dev.sundown.events.Ids;
import dev.sundown.events.OwnerKind;
import dev.sundown.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides, for every profile and space of a domain, whether Sundown covers it and why not, plus the settings an
 * admin cares about. Plain Java: the caller supplies the control-plane view and the observation history.
 */
public final class ComplianceJudge {

    public static final String EXEMPT_TAG = "sundown:exempt";
    public static final String EXCLUDED = "excluded by policy";
    public static final String NOT_IN_SERVICE = "app not InService";
    public static final String LOGIN_FAILED = "login failed";
    public static final String UNREACHABLE = "server unreachable";
    public static final String STALE = "not observed within the staleness window";

    private ComplianceJudge() {
    }

    /**
     * @param studioHistory   the ledger entry of a {@code studio/<domain>/<owner>} source
     * @param pushObservedAt  when a push agent standing for {@code <domain>/<owner>} last posted, or null
     */
    public static List<OutgoingEvent> judge(String scanId, DomainView view, boolean complete,
                                            Function<String, Optional<ObservationLedger.Entry>> studioHistory,
                                            Function<String, Instant> pushObservedAt, Duration window, Instant now) {
        List<OutgoingEvent> out = new ArrayList<>();
        int profiles = 0;
        int spaces = 0;
        int covered = 0;
        int withoutLifecycle = 0;
        int withoutIdle = 0;
        Instant horizon = now.minus(window);
        for (OwnerView o : view.owners()) {
            if (o.kind() == OwnerKind.USER_PROFILE) {
                profiles++;
            } else {
                spaces++;
            }
            String owner = view.domainId() + "/" + o.name();
            Optional<ObservationLedger.Entry> history = studioHistory.apply("studio/" + owner);
            Instant viaStudio = history.map(ObservationLedger.Entry::lastObservedAt).orElse(null);
            Instant viaPush = pushObservedAt.apply(owner);
            Instant last = latest(viaStudio, viaPush);
            boolean exempt = "true".equalsIgnoreCase(o.tags().getOrDefault(EXEMPT_TAG, "").trim());
            boolean isCovered = !exempt && last != null && !last.isBefore(horizon);
            List<String> reasons = new ArrayList<>();
            if (!isCovered) {
                boolean pushRecent = viaPush != null && !viaPush.isBefore(horizon);
                if (exempt) {
                    reasons.add(EXCLUDED);
                } else if (view.inServiceServerOf(o.kind(), o.name()).isEmpty() && !pushRecent) {
                    reasons.add(NOT_IN_SERVICE);
                } else if (history.isPresent() && history.get().failing()) {
                    ReadFailure.Kind kind = history.get().lastFailure();
                    reasons.add(kind == ReadFailure.Kind.LOGIN_FAILED ? LOGIN_FAILED : UNREACHABLE);
                    reasons.add(history.get().lastReason());
                } else {
                    reasons.add(STALE);
                }
            } else {
                covered++;
            }
            if (!o.lifecycleConfigAttached()) {
                withoutLifecycle++;
            }
            if (!o.idleShutdownEnabled()) {
                withoutIdle++;
            }
            out.add(new OutgoingEvent(Topics.COMPLIANCE, owner, new ComplianceFinding(
                    findingId(scanId, owner), scanId, FindingKind.SCAN, view.domainId(), o.kind(), o.name(),
                    isCovered, reasons, o.lifecycleConfigAttached(), o.idleShutdownEnabled(), last, now)));
        }
        out.add(new OutgoingEvent(Topics.COMPLIANCE, view.domainId(), new ComplianceSummary(scanId, view.domainId(),
                profiles, spaces, covered, profiles + spaces - covered, withoutLifecycle, withoutIdle, complete, now)));
        return out;
    }

    /** First 32 hex characters of SHA-256 of {@code scanId|owner}: the same scan names the same finding. */
    public static String findingId(String scanId, String owner) {
        return Ids.digest(scanId + "|" + owner, 32);
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isAfter(b) ? a : b;
    }
}
