package dev.sundown.notifier.domain;

import dev.sundown.events.ShutdownResult;
import dev.sundown.events.ShutdownWarning;
import dev.sundown.events.Ids;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One thing to tell people, before it is rendered for a channel. Exactly one of {@code compliance},
 * {@code warning}, {@code failure} and {@code digest} is set, matching {@code kind}.
 *
 * @param id     deterministic for the same input, so a replay is recognised and not sent twice
 * @param domain the Studio domain it concerns, {@code jupyter} for static targets, {@code all} for a digest
 */
public record Notification(String id, NotificationKind kind, Severity severity, String domain, Recipient recipient,
                           ComplianceReport compliance, ShutdownWarning warning, ShutdownResult failure,
                           DigestReport digest, Instant createdAt) {
    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(domain, "domain");
        recipient = recipient == null ? Recipient.admin() : recipient;
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * A compliance or coverage report. Its id digests {@code newKeys}, the suppression keys of what it reports for
     * the first time, after the domain and (for a scan) the scan id: a replay of the same report gets the same id,
     * while a later report under the same scan id (findings that came after their group was sent) is a
     * notification of its own. A coverage group gathers changes of several sources in arrival order, so its id
     * leaves out the first change's scan id and depends only on which changes it reports.
     */
    public static Notification compliance(NotificationKind kind, Severity severity, ComplianceReport report,
                                          Collection<String> newKeys, Instant now) {
        String scan = kind == NotificationKind.COVERAGE ? "" : report.scanId() + "|";
        String id = kind.wire() + "|" + report.domainId() + "|" + scan + digest(newKeys);
        return new Notification(id, kind, severity, report.domainId(), Recipient.admin(), report, null, null, null,
                now);
    }

    public static Notification warning(ShutdownWarning warning, Recipient recipient, Instant now) {
        return new Notification("warning|" + warning.noticeId(), NotificationKind.WARNING, Severity.WARNING,
                domainOf(warning.appKey()), recipient, null, warning, null, null, now);
    }

    public static Notification failure(ShutdownResult result, Instant now) {
        return new Notification("failure|" + result.commandId(), NotificationKind.FAILURE, Severity.ERROR,
                domainOf(result.appKey()), Recipient.admin(), null, null, result, null, now);
    }

    /** A digest; {@code requestedAt} is set for an on-demand digest so each request is its own notification. */
    public static Notification digest(DigestReport report, Instant requestedAt, Instant now) {
        String id = "digest|" + report.from() + "|" + report.to() + (requestedAt == null ? "" : "|" + requestedAt);
        Severity severity = report.failed() > 0 ? Severity.WARNING : Severity.INFO;
        return new Notification(id, NotificationKind.DIGEST, severity, "all", Recipient.admin(), null, null, null,
                report, now);
    }

    private static String digest(Collection<String> keys) {
        StringBuilder text = new StringBuilder();
        new TreeSet<>(keys).forEach(k -> text.append(k).append('\n'));
        return Ids.digest(text.toString(), 16);
    }

    static String domainOf(dev.sundown.events.AppKey key) {
        return key.isJupyterTarget() ? dev.sundown.events.AppKey.JUPYTER_PREFIX : key.domainId();
    }
}
