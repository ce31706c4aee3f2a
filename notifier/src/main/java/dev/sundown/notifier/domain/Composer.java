package dev.sundown.notifier.domain;

import dev.sundown.events.ComplianceSummary;
import dev.sundown.events.Outcome;
import dev.sundown.events.ResourceRef;
import dev.sundown.events.ShutdownResult;
import dev.sundown.events.ShutdownWarning;
import dev.sundown.notifier.domain.Content.Field;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Words for each kind of notification. Channels lay them out; this class decides what is said. */
public final class Composer {

    /** Longest item line; longer lines (a long error detail) are cut. */
    public static final int MAX_ITEM_CHARS = 400;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Composer() {
    }

    public static Content compose(Notification n) {
        return switch (n.kind()) {
            case COMPLIANCE -> compliance(n.compliance());
            case COVERAGE -> coverage(n.compliance());
            case WARNING -> warning(n.warning(), n.recipient());
            case FAILURE -> failure(n.failure());
            case DIGEST -> digest(n.digest());
        };
    }

    static Content compliance(ComplianceReport r) {
        int n = r.items().size();
        String title = "Compliance: " + n + " new " + plural(n, "issue", "issues") + " in " + r.domainId();
        List<Field> fields = new ArrayList<>();
        StringBuilder summary = new StringBuilder();
        ComplianceSummary s = r.summary();
        if (s != null) {
            summary.append("Scan of domain ").append(r.domainId()).append(" at ").append(time(s.scannedAt()))
                    .append(": ").append(s.notCovered()).append(" of ").append(s.userProfiles() + s.spaces())
                    .append(" profiles and spaces not covered by Sundown.");
            if (!s.complete()) {
                summary.append(" The scan was incomplete, so the counts are a lower bound.");
            }
            fields.add(new Field("Profiles", Integer.toString(s.userProfiles())));
            fields.add(new Field("Spaces", Integer.toString(s.spaces())));
            fields.add(new Field("Covered", Integer.toString(s.covered())));
            fields.add(new Field("Not covered", Integer.toString(s.notCovered())));
            fields.add(new Field("No lifecycle config", Integer.toString(s.withoutLifecycleConfig())));
            fields.add(new Field("Idle shutdown off", Integer.toString(s.withoutIdleShutdown())));
        } else {
            summary.append("Scan ").append(r.scanId()).append(" of domain ").append(r.domainId())
                    .append(": the scan summary did not arrive, so only the findings are listed.");
        }
        if (r.alreadyReported() > 0) {
            summary.append(" ").append(r.alreadyReported()).append(" more ")
                    .append(plural(r.alreadyReported(), "was", "were"))
                    .append(" reported recently and ").append(plural(r.alreadyReported(), "is", "are"))
                    .append(" not repeated.");
        }
        List<String> items = r.items().stream().map(Composer::complianceItem).toList();
        return new Content(title, summary.toString(), fields, "New findings", items, "scan " + r.scanId());
    }

    static Content coverage(ComplianceReport r) {
        long lost = r.items().stream().filter(i -> i.problems().contains(Problem.COVERAGE_LOST)).count();
        long restored = r.items().size() - lost;
        String title;
        if (restored == 0) {
            title = "Coverage lost: " + lost + " " + plural(lost, "source", "sources") + " in " + r.domainId();
        } else if (lost == 0) {
            title = "Coverage restored: " + restored + " " + plural(restored, "source", "sources") + " in "
                    + r.domainId();
        } else {
            title = "Coverage changed in " + r.domainId() + ": " + lost + " lost, " + restored + " restored";
        }
        String summary = lost > 0
                ? "Sundown cannot observe these sources any more. Their idle clocks are frozen: nothing on them is"
                + " shut down until they are observed again."
                : "Sundown observes these sources again; idle rules apply to them once more.";
        List<Field> fields = List.of(new Field("Lost", Long.toString(lost)),
                new Field("Restored", Long.toString(restored)));
        List<String> items = r.items().stream().map(Composer::complianceItem).toList();
        return new Content(title, summary, fields, "Sources", items, "domain " + r.domainId());
    }

    static Content warning(ShutdownWarning w, Recipient to) {
        String app = w.appKey().appName();
        String title = "Your app " + app + " will be shut down at " + time(w.deadline());
        StringBuilder summary = new StringBuilder();
        summary.append("Your ").append(w.appKey().appType()).append(" app ").append(app).append(" (")
                .append(describeMachine(w.instanceType(), w.image())).append(")");
        if (!w.appKey().isJupyterTarget()) {
            summary.append(" in ").append(w.appKey().domainId()).append("/").append(w.appKey().owner());
        }
        summary.append(" will be shut down at ").append(time(w.deadline()))
                .append(" unless it is used. It has been idle since ").append(time(w.idleSince())).append(".");
        if (w.dryRun()) {
            summary.append(" Dry run: nothing will actually be stopped.");
        }
        if (!to.ownerReachable() && to.email() != null) {
            summary.append(" Owner ").append(w.owner()).append(" (").append(to.email())
                    .append(") has no Slack user or SNS topic configured, so this goes to the admins.");
        } else if (!to.ownerReachable()) {
            summary.append(" No contact is known for owner ").append(w.owner()).append(".");
        }
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("Owner", w.owner()));
        fields.add(new Field("Deadline", time(w.deadline())));
        fields.add(new Field("Idle since", time(w.idleSince())));
        if (w.instanceType() != null) {
            fields.add(new Field("Instance", w.instanceType()));
        }
        if (w.estimatedHourlyCost() > 0) {
            fields.add(new Field("Cost", money(w.estimatedHourlyCost()) + "/h"));
        }
        if (to.email() != null) {
            fields.add(new Field("E-mail", to.email()));
        }
        List<String> items = w.resources().stream().map(ResourceRef::toString).toList();
        return new Content(title, summary.toString(), fields, "Will stop", items, "app " + w.appKey());
    }

    static Content failure(ShutdownResult r) {
        String title = "Shutdown failed: " + r.resource() + " of " + r.appKey().appName();
        String summary = "Sundown could not stop " + r.resource() + " of app " + r.appKey() + " after "
                + r.attempts() + " " + plural(r.attempts(), "attempt", "attempts") + ": "
                + (r.detail() == null ? "no detail" : cut(r.detail(), 1000));
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("App", r.appKey().toString()));
        fields.add(new Field("Resource", r.resource().toString()));
        if (r.instanceType() != null) {
            fields.add(new Field("Instance", r.instanceType()));
        }
        if (r.estimatedHourlyCost() > 0) {
            fields.add(new Field("Still costs", money(r.estimatedHourlyCost()) + "/h"));
        }
        fields.add(new Field("Decided", time(r.decidedAt())));
        fields.add(new Field("Failed", time(r.actedAt())));
        List<String> items = r.reason() == null ? List.of() : List.of("Reason for the shutdown: " + r.reason());
        return new Content(title, summary, fields, "Why it was to stop", items, "command " + r.commandId());
    }

    static Content digest(DigestReport d) {
        String title = "Sundown digest: " + d.shutDown() + " shut down, " + money(d.savedPerDay()) + "/day saved";
        Duration length = Duration.between(d.from(), d.to());
        String summary = "From " + time(d.from()) + " to " + time(d.to()) + " (" + length.toHours() + " h): "
                + d.shutDown() + " shut down, " + d.alreadyGone() + " already gone, " + d.skipped() + " skipped, "
                + d.failed() + " failed. Estimated savings " + money(d.savedPerHour()) + " per hour, "
                + money(d.savedPerDay()) + " per day.";
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("Shut down", Integer.toString(d.shutDown())));
        fields.add(new Field("Already gone", Integer.toString(d.alreadyGone())));
        fields.add(new Field("Skipped", Integer.toString(d.skipped())
                + (d.skippedByOutcome().isEmpty() ? "" : " (" + d.skippedByOutcome().entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")) + ")")));
        fields.add(new Field("Failed", Integer.toString(d.failed())));
        fields.add(new Field("Saved per hour", money(d.savedPerHour())));
        fields.add(new Field("Saved per day", money(d.savedPerDay())));
        List<String> items = d.entries().stream().map(Composer::digestItem).toList();
        return new Content(title, summary, fields, "Results", items,
                "period " + d.from() + " to " + d.to());
    }

    private static String complianceItem(ComplianceItem i) {
        StringBuilder b = new StringBuilder();
        b.append(ownerWord(i.ownerKind())).append(" ").append(i.owner()).append(": ")
                .append(i.problems().stream().map(Problem::label).collect(Collectors.joining(", ")));
        if (!i.reasons().isEmpty()) {
            b.append(" (").append(String.join("; ", i.reasons())).append(")");
        }
        if (i.problems().contains(Problem.NOT_COVERED) || i.problems().contains(Problem.COVERAGE_LOST)) {
            b.append(i.lastObservedAt() == null ? ", never observed" : ", last seen " + time(i.lastObservedAt()));
        }
        return cut(b.toString(), MAX_ITEM_CHARS);
    }

    private static String digestItem(DigestEntry e) {
        String what = switch (e.outcome()) {
            case DONE -> "Shut down";
            case ALREADY_GONE -> "Already gone";
            case FAILED -> "FAILED";
            default -> "Skipped (" + e.outcome().wire().replace("skipped-", "").replace('-', ' ') + ")";
        };
        StringBuilder b = new StringBuilder(what).append(": ").append(e.appKey());
        if (!e.resource().startsWith("app:")) {
            b.append(" ").append(e.resource());
        }
        if (e.instanceType() != null || e.estimatedHourlyCost() > 0) {
            b.append(" (").append(e.instanceType() == null ? "" : e.instanceType())
                    .append(e.instanceType() != null && e.estimatedHourlyCost() > 0 ? ", " : "")
                    .append(e.estimatedHourlyCost() > 0 ? money(e.estimatedHourlyCost()) + "/h" : "").append(")");
        }
        if (e.outcome() != Outcome.DONE && e.detail() != null && !e.detail().isBlank()) {
            b.append(" - ").append(e.detail());
        }
        return cut(b.toString(), MAX_ITEM_CHARS);
    }

    private static String ownerWord(dev.sundown.events.OwnerKind kind) {
        return switch (kind) {
            case USER_PROFILE -> "profile";
            case SPACE -> "space";
            case JUPYTER_TARGET -> "server";
        };
    }

    private static String describeMachine(String instanceType, String image) {
        String it = instanceType == null ? "instance type unknown" : instanceType;
        return image == null ? it : it + ", image " + shortImage(image);
    }

    /** The readable tail of an image ARN, e.g. {@code sagemaker-distribution-cpu}. */
    static String shortImage(String image) {
        int slash = image.lastIndexOf('/');
        return slash >= 0 && slash < image.length() - 1 ? image.substring(slash + 1) : image;
    }

    public static String time(Instant t) {
        return t == null ? "unknown" : TIME.format(t);
    }

    public static String money(double usd) {
        return String.format(Locale.ROOT, "$%.2f", usd);
    }

    static String plural(long n, String one, String many) {
        return n == 1 ? one : many;
    }

    /** Cuts {@code s} to at most {@code max} characters, marking the cut with an ellipsis. */
    public static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, Math.max(0, max - 1)) + "\u2026";
    }
}
