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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random observation sequences and clock moves against the rules that must never break: no command for a busy
 * kernel, for anything active within its limit, for an exempt app, for a stale source; at most one command per
 * idle period.
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

    @Provide
    Arbitrary<List<Step>> scenarios() {
        Arbitrary<Integer> kernel = Arbitraries.integers().between(0, KERNELS.size() - 1);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(40, Arbitraries.integers().between(1, 175).map(s -> (Step) new Tick(s))),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 3600).map(s -> (Step) new Silence(s))),
                net.jqwik.api.Tuple.of(1, kernel.map(k -> (Step) new Touch(k))),
                net.jqwik.api.Tuple.of(1, Combinators.combine(kernel, Arbitraries.of(ExecutionState.IDLE,
                        ExecutionState.BUSY, ExecutionState.STARTING, ExecutionState.DEAD))
                        .as((k, s) -> (Step) new SetState(k, s))),
                net.jqwik.api.Tuple.of(1, kernel.map(k -> (Step) new Start(k))),
                net.jqwik.api.Tuple.of(1, kernel.map(k -> (Step) new Stop(k))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new TypeInTerminal())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Unreadable())));
        return step.list().ofMinSize(5).ofMaxSize(200);
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

    @Property(tries = 300)
    void shouldNeverCommandWhatMustNotStop(@ForAll("scenarios") List<Step> steps, @ForAll boolean exempt,
                                           @ForAll boolean terminalsKeepAlive) {
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
            s = d.state();
            for (ShutdownCommand c : d.commands()) {
                check(c, w, exempt, terminalsKeepAlive);
                commands++;
                assertThat(commandIds.add(c.commandId())).as("command id %s issued twice", c.commandId()).isTrue();
            }
        }
        Statistics.label("scenario issued commands").collect(commands > 0);
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
