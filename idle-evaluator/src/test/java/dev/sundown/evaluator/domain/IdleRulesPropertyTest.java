package dev.sundown.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sundown.events.AppKey;
import dev.sundown.events.AppObserved;
import dev.sundown.events.AppType;
import dev.sundown.events.ExecutionState;
import dev.sundown.events.KernelObserved;
import dev.sundown.events.OwnerKind;
import dev.sundown.events.ResourceKind;
import dev.sundown.events.ShutdownCommand;
import dev.sundown.events.SourceUnobserved;
import dev.sundown.events.TerminalObserved;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random observation sequences and clock moves against the rules that must never break: no command for a busy
 * kernel, for anything active within its limit, for an exempt app, for a stale source; at most one command per
 * idle period. Scenarios come from a seeded generator, so a failure names the seed that reproduces it.
 */
class IdleRulesPropertyTest {

    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
    private static final Duration LIMIT = Duration.ofMinutes(10);
    private static final Duration WINDOW = Duration.ofMinutes(3);
    private static final AppKey APP = AppKey.studio("d-1", "alice", AppType.JupyterLab, "default");
    private static final String SOURCE = "studio/d-1/alice";
    private static final List<String> KERNELS = List.of("k0", "k1", "k2");

    /** One step of a scenario. */
    sealed interface Step permits Tick, Silence, Touch, SetState, Start, Stop, TypeInTerminal, Unreadable {
    }

    /** Time passes within the staleness window and the collector reads everything that runs. */
    record Tick(int seconds) implements Step {
    }

    /** Time passes and the collector does not read the source. */
    record Silence(int seconds) implements Step {
    }

    /** A user runs a cell in a kernel (it goes busy, then idle, both between two polls). */
    record Touch(int kernel) implements Step {
    }

    record SetState(int kernel, ExecutionState state) implements Step {
    }

    record Start(int kernel) implements Step {
    }

    record Stop(int kernel) implements Step {
    }

    record TypeInTerminal() implements Step {
    }

    /** The collector fails to read the source. */
    record Unreadable() implements Step {
    }

    private static final int TRIES = 300;
    private static final ExecutionState[] STATES = {ExecutionState.IDLE, ExecutionState.BUSY,
            ExecutionState.STARTING, ExecutionState.DEAD};

    /** Mostly polls, now and then a user action, a silence or an unreadable source. */
    static List<Step> scenario(Random random) {
        int length = 5 + random.nextInt(196);
        List<Step> steps = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            int kernel = random.nextInt(KERNELS.size());
            int pick = random.nextInt(47);
            steps.add(pick < 40 ? new Tick(1 + random.nextInt(175))
                    : switch (pick) {
                        case 40 -> new Silence(1 + random.nextInt(3600));
                        case 41 -> new Touch(kernel);
                        case 42 -> new SetState(kernel, STATES[random.nextInt(STATES.length)]);
                        case 43 -> new Start(kernel);
                        case 44 -> new Stop(kernel);
                        case 45 -> new TypeInTerminal();
                        default -> new Unreadable();
                    });
        }
        return steps;
    }

    @Test
    void shouldNeverCommandWhatMustNotStopInRandomScenarios() {
        int withCommands = 0;
        for (long seed = 1; seed <= TRIES; seed++) {
            Random random = new Random(seed);
            List<Step> steps = scenario(random);
            boolean exempt = random.nextBoolean();
            boolean terminalsKeepAlive = random.nextBoolean();
            try {
                if (run(steps, exempt, terminalsKeepAlive) > 0) {
                    withCommands++;
                }
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + " (exempt=" + exempt + ", terminalsKeepAlive="
                        + terminalsKeepAlive + ") broke a rule: " + e.getMessage() + "\nsteps: " + steps, e);
            }
        }
        // A generator that never reaches a deadline would prove nothing.
        assertThat(withCommands).as("scenarios that issued a command").isGreaterThan(TRIES / 10);
    }

    /** What really runs, and what the evaluator was last told. */
    private static final class World {
        Instant now = T0;
        final Map<String, ExecutionState> state = new HashMap<>();
        final Map<String, Instant> activity = new HashMap<>();
        Instant terminalActivity;
        // what the collector last reported
        final Map<String, ExecutionState> reportedState = new HashMap<>();
        final Map<String, Instant> reportedActivity = new HashMap<>();
        Instant reportedTerminal;
        Instant lastPoll;
        Instant unreadableAt;
    }

    /** Plays one scenario and returns how many commands it issued; fails on any broken rule. */
    private static int run(List<Step> steps, boolean exempt, boolean terminalsKeepAlive) {
        IdleRules rules = new IdleRules(WINDOW, Duration.ofDays(1), new PriceTable(PriceTable.DEFAULTS));
        EffectivePolicy policy = new EffectivePolicy(List.of("config"), LIMIT, Duration.ofMinutes(2), exempt,
                exempt ? "test" : null, terminalsKeepAlive, true, true, false);
        World w = new World();
        AppState s = null;
        Set<String> commandIds = new HashSet<>();
        int commands = 0;
        for (Step step : steps) {
            if (step instanceof Tick t) {
                w.now = w.now.plusSeconds(t.seconds());
                s = poll(rules, s, w);
            } else if (step instanceof Silence silence) {
                w.now = w.now.plusSeconds(silence.seconds());
            } else if (step instanceof Touch t) {
                String k = KERNELS.get(t.kernel());
                if (w.state.containsKey(k)) {
                    w.activity.put(k, w.now);
                }
            } else if (step instanceof SetState st) {
                String k = KERNELS.get(st.kernel());
                if (w.state.containsKey(k)) {
                    w.state.put(k, st.state());
                    w.activity.put(k, w.now);
                }
            } else if (step instanceof Start st) {
                String k = KERNELS.get(st.kernel());
                if (!w.state.containsKey(k)) {
                    w.state.put(k, ExecutionState.IDLE);
                    w.activity.put(k, w.now);
                }
            } else if (step instanceof Stop st) {
                w.state.remove(KERNELS.get(st.kernel()));
                w.activity.remove(KERNELS.get(st.kernel()));
            } else if (step instanceof TypeInTerminal) {
                w.terminalActivity = w.now;
            } else if (step instanceof Unreadable) {
                s = rules.onUnobserved(s, new SourceUnobserved(APP, SOURCE, "HTTP 502", w.lastPoll, w.now));
                w.unreadableAt = w.now;
            }
            if (s == null) {
                continue;
            }
            Decision d = rules.decide(s, policy, w.now);
            // the evaluator decides without building the explanation: that must not change what is decided
            Decision quiet = rules.decide(s, policy, w.now, null, false);
            assertThat(quiet.assessment()).isNull();
            assertThat(quiet).usingRecursiveComparison().ignoringFields("assessment").isEqualTo(d);
            s = d.state();
            for (ShutdownCommand c : d.commands()) {
                check(c, w, exempt, terminalsKeepAlive);
                commands++;
                assertThat(commandIds.add(c.commandId())).as("command id %s issued twice", c.commandId()).isTrue();
            }
        }
        return commands;
    }

    private static AppState poll(IdleRules rules, AppState s, World w) {
        for (Map.Entry<String, ExecutionState> k : w.state.entrySet()) {
            s = rules.onKernel(s, new KernelObserved(APP, SOURCE, k.getKey(), "python3", k.getValue(), 0,
                    w.activity.get(k.getKey()), null, w.now));
        }
        List<String> terminals = new ArrayList<>();
        if (w.terminalActivity != null) {
            s = rules.onTerminal(s, new TerminalObserved(APP, SOURCE, "1", w.terminalActivity, w.now));
            terminals.add("1");
        }
        s = rules.onApp(s, new AppObserved(APP, SOURCE, OwnerKind.SPACE, "InService", "ml.t3.medium", null, null,
                null, null, List.copyOf(w.state.keySet()), terminals, Map.of(), w.now));
        w.reportedState.clear();
        w.reportedState.putAll(w.state);
        w.reportedActivity.putAll(w.activity);
        w.reportedTerminal = w.terminalActivity;
        w.lastPoll = w.now;
        return s;
    }

    private static void check(ShutdownCommand c, World w, boolean exempt, boolean terminalsKeepAlive) {
        assertThat(exempt).as("command for an exempt app: %s", c).isFalse();
        assertThat(w.lastPoll).as("command without any observation").isNotNull();
        assertThat(w.now.isAfter(w.lastPoll.plus(WINDOW))).as("command while the source is stale: %s", c).isFalse();
        assertThat(w.unreadableAt != null && !w.unreadableAt.isBefore(w.lastPoll))
                .as("command while the source is reported unreadable: %s", c).isFalse();
        if (c.resource().kind() == ResourceKind.KERNEL) {
            String k = c.resource().id();
            assertThat(w.reportedState.get(k)).as("command for a busy kernel").isNotEqualTo(ExecutionState.BUSY);
            assertThat(w.reportedActivity.get(k).plus(LIMIT)).as("kernel active within its limit: %s", c)
                    .isBeforeOrEqualTo(w.now);
        } else {
            for (Map.Entry<String, ExecutionState> k : w.reportedState.entrySet()) {
                assertThat(k.getValue()).as("app command with busy kernel %s", k.getKey())
                        .isNotEqualTo(ExecutionState.BUSY);
                assertThat(w.reportedActivity.get(k.getKey()).plus(LIMIT))
                        .as("app command with kernel %s active within its limit", k.getKey()).isBeforeOrEqualTo(w.now);
            }
            if (terminalsKeepAlive && w.reportedTerminal != null) {
                assertThat(w.reportedTerminal.plus(LIMIT)).as("app command with a terminal active within its limit")
                        .isBeforeOrEqualTo(w.now);
            }
        }
    }
}
