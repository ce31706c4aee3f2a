package dev.sundown.evaluator.domain;

import dev.sundown.events.AppKey;
import dev.sundown.events.AppObserved;
import dev.sundown.events.AppType;
import dev.sundown.events.ComplianceFinding;
import dev.sundown.events.ExecutionState;
import dev.sundown.events.FindingKind;
import dev.sundown.events.Ids;
import dev.sundown.events.KernelObserved;
import dev.sundown.events.ResourceKind;
import dev.sundown.events.ResourceRef;
import dev.sundown.events.ShutdownCommand;
import dev.sundown.events.ShutdownWarning;
import dev.sundown.events.SourceUnobserved;
import dev.sundown.events.TerminalObserved;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The idle rules: how observations change an app's state, and what is decided for that state at an instant.
 * Plain Java, deterministic: the same state, policy and instant always give the same decision.
 */
public final class IdleRules {

    /** App types whose whole app is deleted when idle. The JupyterServer app is never deleted. */
    public static final Set<AppType> DELETABLE = Set.of(AppType.KernelGateway, AppType.JupyterLab,
            AppType.CodeEditor);
    /** App types where SageMaker's {@code LastUserActivityTimestamp} reflects the user and counts as activity. */
    private static final Set<AppType> USER_ACTIVITY_SIGNAL = Set.of(AppType.JupyterLab, AppType.CodeEditor);
    private static final Set<ExecutionState> WORKING = Set.of(ExecutionState.BUSY, ExecutionState.RESTARTING,
            ExecutionState.AUTORESTARTING);
    private static final Set<String> GONE = Set.of("Deleted", "Deleting");
    public static final String TAG_SLACK_USER = "sundown:slack-user";
    public static final String TAG_EMAIL = "sundown:email";

    private final Duration stalenessWindow;
    private final Duration forgetAfter;
    private final PriceTable prices;

    /**
     * @param stalenessWindow a source not observed for longer than this freezes its apps' clocks
     * @param forgetAfter     an app whose sources all went silent for longer than this is forgotten
     */
    public IdleRules(Duration stalenessWindow, Duration forgetAfter, PriceTable prices) {
        this.stalenessWindow = stalenessWindow;
        this.forgetAfter = forgetAfter;
        this.prices = prices;
    }

    public Duration stalenessWindow() {
        return stalenessWindow;
    }

    // ---------------------------------------------------------------- observations

    public AppState onKernel(AppState current, KernelObserved e) {
        AppState.Builder b = start(current, e.appKey());
        observeSource(b, e.source(), e.observedAt());
        Child previous = b.kernels.get(e.kernelId());
        if (previous == null && isRemovedChild(b, e.observedAt())) {
            return b.build();
        }
        if (previous != null && e.observedAt().isBefore(previous.observedAt())) {
            return b.build();
        }
        Instant activity = e.lastActivity();
        if (WORKING.contains(e.executionState())) {
            activity = max(activity, e.observedAt());
        }
        if (previous != null) {
            activity = max(activity, previous.lastActivity());
        }
        b.editKernels().put(e.kernelId(), new Child(e.kernelId(), e.kernelName(), e.executionState(), e.connections(),
                activity, e.observedAt(), e.notebookPath()));
        b.kernelActivity = max(b.kernelActivity, activity);
        b.emptySince = null;
        return b.build();
    }

    public AppState onTerminal(AppState current, TerminalObserved e) {
        AppState.Builder b = start(current, e.appKey());
        observeSource(b, e.source(), e.observedAt());
        Child previous = b.terminals.get(e.terminalName());
        if (previous == null && isRemovedChild(b, e.observedAt())) {
            return b.build();
        }
        if (previous != null && e.observedAt().isBefore(previous.observedAt())) {
            return b.build();
        }
        Instant activity = previous == null ? e.lastActivity() : max(e.lastActivity(), previous.lastActivity());
        b.editTerminals().put(e.terminalName(), new Child(e.terminalName(), e.terminalName(), null, 0, activity,
                e.observedAt(), null));
        b.terminalActivity = max(b.terminalActivity, activity);
        b.emptySince = null;
        return b.build();
    }

    /**
     * Returns null when the app is gone (Deleting/Deleted): its state is dropped. A report about an earlier instance
     * of the name (its creation time before the one this state knows: the app was deleted and created again) is
     * ignored, so the running instance keeps its clocks.
     */
    public AppState onApp(AppState current, AppObserved e) {
        if (GONE.contains(e.status())) {
            boolean earlierInstance = current != null && current.creationTime() != null && e.creationTime() != null
                    && e.creationTime().isBefore(current.creationTime());
            return earlierInstance ? current : null;
        }
        AppState.Builder b = start(current, e.appKey());
        observeSource(b, e.source(), e.observedAt());
        b.status = e.status();
        b.ownerKind = e.ownerKind();
        if (e.instanceType() != null) {
            b.instanceType = e.instanceType();
        }
        if (e.image() != null) {
            b.image = e.image();
        }
        if (!e.tags().isEmpty() || b.tags.isEmpty()) {
            b.tags = e.tags();
        }
        if (e.creationTime() != null) {
            b.creationTime = e.creationTime();
            b.kernelActivity = max(b.kernelActivity, e.creationTime());
        }
        if (e.lastUserActivity() != null) {
            b.lastUserActivity = max(b.lastUserActivity, e.lastUserActivity());
            if (USER_ACTIVITY_SIGNAL.contains(e.appKey().appType())) {
                b.kernelActivity = max(b.kernelActivity, e.lastUserActivity());
            }
        }
        boolean newer = b.inventoryObservedAt == null || !e.observedAt().isBefore(b.inventoryObservedAt);
        if (e.kernelIds() != null && newer) {
            applyInventory(e.kernelIds(), e.observedAt(), b, true);
            if (e.terminalNames() != null) {
                applyInventory(e.terminalNames(), e.observedAt(), b, false);
            }
            b.inventoryKnown = true;
            b.inventoryObservedAt = e.observedAt();
            if (b.kernels.isEmpty() && b.terminals.isEmpty() && b.emptySince == null) {
                b.emptySince = e.observedAt();
                b.kernelActivity = max(b.kernelActivity, e.observedAt());
            }
        }
        return b.build();
    }

    public AppState onUnobserved(AppState current, SourceUnobserved e) {
        AppState.Builder b = start(current, e.appKey());
        Instant last = b.sources.get(e.source());
        if (last == null || e.attemptedAt().isAfter(last)) {
            b.editUnobserved().put(e.source(), new Unobserved(e.reason(), e.attemptedAt()));
        }
        return b.build();
    }

    private void applyInventory(List<String> listed, Instant observedAt, AppState.Builder b, boolean kernels) {
        Map<String, Child> children = kernels ? b.kernels : b.terminals;
        Set<String> listedIds = new HashSet<>(listed);
        Predicate<Map.Entry<String, Child>> gone = c -> !listedIds.contains(c.getKey())
                && !c.getValue().observedAt().isAfter(observedAt);
        if (children.keySet().containsAll(listedIds) && children.entrySet().stream().noneMatch(gone)) {
            return; // the same children as before: nothing to copy
        }
        Map<String, Child> edited = kernels ? b.editKernels() : b.editTerminals();
        edited.entrySet().removeIf(c -> {
            if (!gone.test(c)) {
                return false;
            }
            if (kernels) {
                b.kernelActivity = max(b.kernelActivity, c.getValue().lastActivity());
            } else {
                b.terminalActivity = max(b.terminalActivity, c.getValue().lastActivity());
            }
            return true;
        });
        for (String id : listed) {
            if (!edited.containsKey(id)) {
                // a new child restarts the app's clock; its state is unknown until it is observed
                edited.put(id, Child.listed(id, observedAt));
                if (kernels) {
                    b.kernelActivity = max(b.kernelActivity, observedAt);
                } else {
                    b.terminalActivity = max(b.terminalActivity, observedAt);
                }
                b.emptySince = null;
            }
        }
    }

    /** A child report older than the newest inventory that no longer lists it describes a removed child. */
    private static boolean isRemovedChild(AppState.Builder b, Instant observedAt) {
        return b.inventoryKnown && b.inventoryObservedAt != null && !observedAt.isAfter(b.inventoryObservedAt);
    }

    private static AppState.Builder start(AppState current, AppKey key) {
        return (current == null ? AppState.empty(key) : current).toBuilder();
    }

    private static void observeSource(AppState.Builder b, String source, Instant observedAt) {
        Instant last = b.sources.get(source);
        if (last == null || observedAt.isAfter(last)) {
            b.editSources().put(source, observedAt);
        }
        Unobserved u = b.unobserved.get(source);
        if (u != null && observedAt.isAfter(u.at())) {
            b.editUnobserved().remove(source);
        }
    }

    // ---------------------------------------------------------------- decisions

    public Decision decide(AppState state, EffectivePolicy policy, Instant now) {
        return decide(state, policy, now, null);
    }

    /**
     * Decides for {@code state} at {@code now}.
     *
     * @param observedFloor no source counts as observed earlier than this (null: no floor). An evaluator that has just
     *                      started (or taken over the app from another instance) passes the moment it did, so
     *                      observations that arrived while nobody was evaluating are caught up before any source is
     *                      judged stale: a restart never raises a false coverage alert nor restarts idle clocks.
     */
    public Decision decide(AppState state, EffectivePolicy policy, Instant now, Instant observedFloor) {
        return decide(state, policy, now, observedFloor, true);
    }

    /**
     * Decides for {@code state} at {@code now}, with or without the explanation.
     *
     * @param explain build the {@link Assessment} (the human-readable reasons and the planned stops that answer "why
     *                is this app not being shut down?"); without it the decision is the same and
     *                {@link Decision#assessment()} is null. The evaluator decides on every event and needs the
     *                explanation only when someone asks for it.
     */
    public Decision decide(AppState state, EffectivePolicy policy, Instant now, Instant observedFloor,
                           boolean explain) {
        AppState.Builder b = state.toBuilder();
        List<String> reasons = explain ? new ArrayList<>() : null;
        List<ComplianceFinding> findings = new ArrayList<>();

        List<String> staleReasons = staleness(state, now, observedFloor);
        boolean stale = !staleReasons.isEmpty();
        if (stale && state.coverageLostAt() == null) {
            b.coverageLostAt = now;
            findings.add(finding(state, FindingKind.COVERAGE_LOST, false, staleReasons, now));
        } else if (!stale && state.coverageLostAt() != null) {
            b.coverageLostAt = null;
            b.clockFloor = max(b.clockFloor, now);
            findings.add(finding(state, FindingKind.COVERAGE_RESTORED, true,
                    List.of("observed again; idle clocks restart at " + now), now));
        }
        if (stale) {
            Instant newest = state.newestObservation();
            Instant forgetAt = (newest == null ? now : newest).plus(forgetAfter);
            boolean forget = !now.isBefore(forgetAt);
            Instant nextDue = forget ? null : forgetAt;
            Assessment a = null;
            if (explain) {
                reasons.add("clocks frozen: " + String.join("; ", staleReasons));
                a = new Assessment(state.appKey().toString(), now, policy, true, policy.exempt(), reasons, List.of(),
                        nextDue);
            }
            return new Decision(b.build(), List.of(), List.of(), findings, nextDue, forget, a);
        }
        Instant stalenessDue = nextStalenessCheck(state, observedFloor);

        if (policy.exempt() || !"InService".equals(state.status())) {
            Assessment a = null;
            if (explain) {
                if (policy.exempt()) {
                    reasons.add("exempt by " + policy.exemptBy());
                }
                if (state.status() == null) {
                    reasons.add("the app itself has not been observed yet (status and tags unknown)");
                } else if (!"InService".equals(state.status())) {
                    reasons.add("app status is " + state.status());
                }
                a = new Assessment(state.appKey().toString(), now, policy, false, policy.exempt(), reasons,
                        List.of(), stalenessDue);
            }
            return new Decision(b.build(), List.of(), List.of(), findings, stalenessDue, false, a);
        }

        AppState current = b.build();
        List<Candidate> candidates = candidates(current, policy, now, reasons);
        List<ShutdownWarning> warnings = new ArrayList<>();
        List<ShutdownCommand> commands = new ArrayList<>();
        List<PlannedStop> stops = explain ? new ArrayList<>() : null;
        Instant nextDue = stalenessDue;
        for (Candidate c : candidates) {
            String resource = c.resource.toString();
            Issued marker = b.issued.get(resource);
            if (marker != null && !marker.samePeriod(c.idleSince)) {
                marker = null;
            }
            Instant warnedAt = marker == null ? null : marker.warnedAt();
            boolean warn = !policy.warnBefore().isZero();
            if (marker != null && marker.commandedAt() != null) {
                if (explain) {
                    stops.add(stop(c, commandAt(c, warnedAt, policy), "done", null));
                    reasons.add(resource + ": command " + marker.commandId() + " already issued at "
                            + marker.commandedAt() + " for the idle period since " + c.idleSince);
                }
                continue;
            }
            if (warn && warnedAt == null) {
                Instant warnAt = c.deadline.minus(policy.warnBefore());
                if (now.isBefore(warnAt)) {
                    if (explain) {
                        stops.add(stop(c, c.deadline, "warn", warnAt));
                    }
                    nextDue = min(nextDue, warnAt);
                    continue;
                }
                warnedAt = now;
                warnings.add(warning(current, c, policy, now));
                b.editIssued().put(resource, new Issued(c.idleSince, now, null, null));
            }
            Instant commandAt = commandAt(c, warnedAt, policy);
            if (now.isBefore(commandAt)) {
                if (explain) {
                    stops.add(stop(c, commandAt, "command", commandAt));
                }
                nextDue = min(nextDue, commandAt);
                continue;
            }
            ShutdownCommand command = command(current, c, policy, now);
            commands.add(command);
            b.editIssued().put(resource, new Issued(c.idleSince, warnedAt, now, command.commandId()));
            if (explain) {
                stops.add(stop(c, commandAt, "done", null));
            }
        }
        pruneMarkers(b);
        Assessment a = null;
        if (explain) {
            stops.sort(Comparator.comparing(PlannedStop::commandAt));
            if (candidates.isEmpty() && reasons.isEmpty()) {
                reasons.add("nothing is idle");
            }
            a = new Assessment(state.appKey().toString(), now, policy, false, false, reasons, stops, nextDue);
        }
        return new Decision(b.build(), warnings, commands, findings, nextDue, false, a);
    }

    private record Candidate(ResourceRef resource, Instant idleSince, Instant lastActivity, Instant deadline,
                             String reason, double cost) {
    }

    /** @param reasons where the explanation goes; null when none is wanted */
    private List<Candidate> candidates(AppState s, EffectivePolicy p, Instant now, List<String> reasons) {
        List<Candidate> out = new ArrayList<>();
        Duration limit = p.idleLimit();
        AppKey key = s.appKey();
        boolean explain = reasons != null;
        Candidate app = null;
        if (!DELETABLE.contains(key.appType())) {
            if (explain) {
                reasons.add("a " + key.appType() + " app is never deleted" + (s.kernels().isEmpty() ? ""
                        : "; its idle kernels are stopped one by one"));
            }
        } else if (!s.inventoryKnown()) {
            if (explain) {
                reasons.add("kernels and terminals never read from Jupyter: SageMaker's activity timestamp alone "
                        + "never shuts an app down");
            }
        } else {
            boolean inUse = false;
            List<String> blockers = explain ? new ArrayList<>() : null;
            for (Child k : s.kernels().values()) {
                if (WORKING.contains(k.state())) {
                    inUse = true;
                    if (explain) {
                        blockers.add("kernel " + k.id() + " is " + k.state().wire());
                    }
                } else if (k.state() == ExecutionState.UNKNOWN) {
                    inUse = true;
                    if (explain) {
                        blockers.add("kernel " + k.id() + " state is unknown");
                    }
                } else if (!p.ignoreConnections() && k.connections() > 0 && k.state() != ExecutionState.STARTING) {
                    inUse = true;
                    if (explain) {
                        blockers.add("kernel " + k.id() + " has " + k.connections() + " connection(s)");
                    }
                } else if (explain && k.state() == ExecutionState.STARTING
                        && !k.lastActivity().plus(limit).isAfter(now)) {
                    reasons.add("kernel " + k.id() + " stuck starting since " + k.lastActivity()
                            + " (ghost: does not keep the app alive, never stopped on its own)");
                }
            }
            if (inUse) {
                if (explain) {
                    reasons.add("app in use: " + String.join("; ", blockers));
                }
            } else {
                Instant newest = s.kernelActivity();
                if (p.terminalsKeepAlive()) {
                    newest = max(newest, s.terminalActivity());
                }
                if (newest == null) {
                    newest = s.inventoryObservedAt();
                }
                Instant since = max(newest, s.clockFloor());
                Instant deadline = since.plus(limit);
                String reason = s.kernels().isEmpty() && s.terminals().isEmpty()
                        ? "app empty for " + minutes(limit)
                        : "all " + s.kernels().size() + " kernel(s) idle"
                        + (p.terminalsKeepAlive() ? " and " + s.terminals().size() + " terminal(s) quiet" : "")
                        + " for " + minutes(limit);
                app = new Candidate(new ResourceRef(ResourceKind.APP, key.appName()), since, newest, deadline,
                        reason, prices.hourly(s.instanceType()));
                if (explain && now.isBefore(deadline)) {
                    reasons.add("app idle since " + since + ", deadline " + deadline);
                }
                out.add(app);
            }
        }
        if (p.shutdownKernelsIndividually()) {
            for (Child k : s.kernels().values()) {
                boolean idle = k.state() == ExecutionState.IDLE || k.state() == ExecutionState.DEAD;
                if (!idle || (!p.ignoreConnections() && k.connections() > 0)) {
                    continue;
                }
                Instant since = max(k.lastActivity(), s.clockFloor());
                Instant deadline = since.plus(limit);
                if (app != null && !deadline.isBefore(app.deadline())) {
                    continue;
                }
                out.add(new Candidate(new ResourceRef(ResourceKind.KERNEL, k.id()), since, k.lastActivity(),
                        deadline, "kernel idle for " + minutes(limit) + (app == null && DELETABLE.contains(
                        key.appType()) ? " inside an app still in use" : ""), 0));
            }
        } else if (explain && app == null && !s.kernels().isEmpty()) {
            reasons.add("idle kernels are not stopped one by one (shutdownKernelsIndividually=false)");
        }
        return out;
    }

    private static Instant commandAt(Candidate c, Instant warnedAt, EffectivePolicy p) {
        if (p.warnBefore().isZero() || warnedAt == null) {
            return c.deadline;
        }
        // the owner always gets the full warning period, even when the warning went out late
        return max(c.deadline, warnedAt.plus(p.warnBefore()));
    }

    private static PlannedStop stop(Candidate c, Instant commandAt, String next, Instant nextAt) {
        return new PlannedStop(c.resource, c.idleSince, c.lastActivity, c.deadline, commandAt, next, nextAt,
                c.reason, c.cost);
    }

    private static void pruneMarkers(AppState.Builder b) {
        boolean stale = false;
        for (String resource : b.issued.keySet()) {
            stale |= isOrphan(b, resource);
        }
        if (stale) {
            b.editIssued().keySet().removeIf(resource -> isOrphan(b, resource));
        }
    }

    /** A marker of a kernel or terminal the app no longer has. */
    private static boolean isOrphan(AppState.Builder b, String resource) {
        if (resource.startsWith("kernel:")) {
            return !b.kernels.containsKey(resource.substring("kernel:".length()));
        }
        if (resource.startsWith("terminal:")) {
            return !b.terminals.containsKey(resource.substring("terminal:".length()));
        }
        return false;
    }

    private List<String> staleness(AppState s, Instant now, Instant observedFloor) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Unobserved> u : s.unobserved().entrySet()) {
            out.add("source " + u.getKey() + " unobserved since " + u.getValue().at() + ": " + u.getValue().reason());
        }
        for (Map.Entry<String, Instant> src : s.sources().entrySet()) {
            if (!s.unobserved().containsKey(src.getKey())
                    && now.isAfter(max(src.getValue(), observedFloor).plus(stalenessWindow))) {
                out.add("source " + src.getKey() + " not observed since " + src.getValue() + " (staleness window "
                        + stalenessWindow + ")");
            }
        }
        return out;
    }

    private Instant nextStalenessCheck(AppState s, Instant observedFloor) {
        Instant oldest = null;
        for (Instant observed : s.sources().values()) {
            oldest = min(oldest, observed);
        }
        return oldest == null ? null : max(oldest, observedFloor).plus(stalenessWindow).plusMillis(1);
    }

    private ComplianceFinding finding(AppState s, FindingKind kind, boolean covered, List<String> reasons,
                                      Instant now) {
        Instant since = s.newestObservation();
        String key = s.appKey().toString();
        String changeId = Ids.coverageFindingId(kind, key, since == null ? now : since);
        // the scan id of a coverage change is the change itself: a later change of the same source is news
        return new ComplianceFinding(changeId, "coverage/" + changeId, kind, s.findingDomain(), s.ownerKind(), s.owner(), covered, reasons, null, null,
                since, now);
    }

    private static ShutdownWarning warning(AppState s, Candidate c, EffectivePolicy p, Instant now) {
        String key = s.appKey().toString();
        String contact = s.tags().getOrDefault(TAG_SLACK_USER, s.tags().get(TAG_EMAIL));
        return new ShutdownWarning(DecisionIds.noticeId(key, c.resource.toString(), c.idleSince), s.appKey(),
                s.owner(), contact, List.of(c.resource), s.instanceType(), s.image(), c.idleSince,
                max(c.deadline, now.plus(p.warnBefore())), c.cost, p.dryRun(), now);
    }

    private static ShutdownCommand command(AppState s, Candidate c, EffectivePolicy p, Instant now) {
        String key = s.appKey().toString();
        Instant observedAt = s.newestObservation();
        return new ShutdownCommand(DecisionIds.commandId(key, c.resource.toString(), c.idleSince), s.appKey(),
                s.ownerKind(), c.resource, c.reason, p.inForce(), c.idleSince, c.deadline, c.lastActivity,
                observedAt == null ? now : observedAt, now, s.instanceType(), s.image(), c.cost);
    }

    private static String minutes(Duration d) {
        long seconds = d.toSeconds();
        return seconds % 60 == 0 ? (seconds / 60) + " min" : seconds + " s";
    }

    static Instant max(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isAfter(b) ? a : b;
    }

    static Instant min(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }
}
