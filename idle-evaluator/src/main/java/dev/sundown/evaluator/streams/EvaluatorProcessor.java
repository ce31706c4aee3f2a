package dev.sundown.evaluator.streams;

import dev.sundown.evaluator.domain.AppState;
import dev.sundown.evaluator.domain.Decision;
import dev.sundown.evaluator.domain.EffectivePolicy;
import dev.sundown.evaluator.domain.PolicyResolver;
import dev.sundown.events.AppKey;
import dev.sundown.events.AppObserved;
import dev.sundown.events.AppType;
import dev.sundown.events.CloudEvent;
import dev.sundown.events.ComplianceFinding;
import dev.sundown.events.DeadLetter;
import dev.sundown.events.EventCodec;
import dev.sundown.events.EventData;
import dev.sundown.events.IdlePolicy;
import dev.sundown.events.KernelObserved;
import dev.sundown.events.MalformedEventException;
import dev.sundown.events.MalformedEventException.Problem;
import dev.sundown.events.PolicyScope;
import dev.sundown.events.ShutdownCommand;
import dev.sundown.events.ShutdownWarning;
import dev.sundown.events.SourceUnobserved;
import dev.sundown.events.TerminalObserved;
import dev.sundown.events.Topic;
import dev.sundown.events.Topics;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Owns the apps of its partitions: applies activity to their state, evaluates them on every event and when their
 * next deadline comes due, and writes warnings, commands, coverage findings and dead letters.
 */
final class EvaluatorProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger LOG = Logger.getLogger(EvaluatorProcessor.class);
    static final String SERVICE = "idle-evaluator";
    static final URI SOURCE = URI.create("/sundown/idle-evaluator");
    static final int RESOLVED_MAX = 10_000;

    private final EvaluatorSettings settings;
    private final Clock clock;
    private final PolicyVersion policyVersion;
    private final EventCodec codec = EventCodec.standard();
    private final ActivityDecoder decoder = new ActivityDecoder(codec);

    private ProcessorContext<String, byte[]> context;
    /** App states by app key; the states written since the last commit are objects there ({@link AppStateStore}). */
    private KeyValueStore<String, AppState> apps;
    private KeyValueStore<Bytes, byte[]> index;
    private Map<PolicyScope, IdlePolicy> policies = Map.of();
    /** The scope levels the loaded policies are stored at: only these can tell two apps' policies apart. */
    private Set<PolicyScope.Level> levels = EnumSet.noneOf(PolicyScope.Level.class);
    /** Policies resolved under the policies loaded now, by what resolution depends on; emptied on every reload. */
    private final Map<PolicyInput, EffectivePolicy> resolved = new HashMap<>();
    private long loadedVersion = -1;
    private long evaluatedVersion = -1;
    /** When this processor started owning its partition; staleness is not judged from before it. */
    private Instant activeSince;

    EvaluatorProcessor(EvaluatorSettings settings, Clock clock, PolicyVersion policyVersion) {
        this.settings = settings;
        this.clock = clock;
        this.policyVersion = policyVersion;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.apps = context.getStateStore(EvaluatorTopology.APP_STORE);
        this.index = context.getStateStore(EvaluatorTopology.DEADLINE_INDEX);
        this.activeSince = clock.instant();
        evaluatedVersion = policyVersion.current();
        reloadPolicies(evaluatedVersion);
        context.schedule(settings.punctuationInterval(), PunctuationType.WALL_CLOCK_TIME, ts -> punctuate());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        String topicName = meta == null ? null : meta.topic();
        Topic topic = topicName == null ? null : Topics.byName(topicName).orElse(null);
        EventData data;
        try {
            data = decoder.decode(record.value(), topic);
        } catch (MalformedEventException e) {
            deadLetter(record, meta, e.problem().name(), e.getMessage());
            return;
        }
        AppKey key = appKeyOf(data);
        if (key == null || !key.toString().equals(record.key())) {
            deadLetter(record, meta, Problem.KEY_MISMATCH.name(), "record key '" + record.key()
                    + "' is not the event's app key '" + key + "'");
            return;
        }
        long version = policyVersion.current();
        if (version != loadedVersion) {
            reloadPolicies(version);
        }
        String appKey = record.key(); // equal to the event's key (checked above); built once per record
        AppState current = apps.get(appKey);
        AppState next;
        if (data instanceof KernelObserved k) {
            next = settings.rules().onKernel(current, k);
        } else if (data instanceof TerminalObserved t) {
            next = settings.rules().onTerminal(current, t);
        } else if (data instanceof AppObserved a) {
            next = settings.rules().onApp(current, a);
        } else {
            next = settings.rules().onUnobserved(current, (SourceUnobserved) data);
        }
        if (next == null) {
            forget(appKey, current);
            return;
        }
        evaluate(appKey, next, next.indexedAt(), clock.instant());
    }

    private void punctuate() {
        Instant now = clock.instant();
        long version = policyVersion.current();
        if (version != evaluatedVersion) {
            reloadPolicies(version);
            evaluatedVersion = version;
            reevaluateAll(now);
            return;
        }
        List<Bytes> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = index.range(DeadlineIndex.lowest(), DeadlineIndex.upTo(now))) {
            it.forEachRemaining(entry -> due.add(entry.key));
        }
        for (Bytes entry : due) {
            index.delete(entry);
            String appKey = DeadlineIndex.appKey(entry);
            AppState state = apps.get(appKey);
            if (state == null || state.indexedAt() == null || state.indexedAt() != DeadlineIndex.deadline(entry)) {
                continue; // left behind by a move: the app's current entry is elsewhere
            }
            // the entry is consumed: the evaluation writes the app's next one, at its real due time (which may
            // still be ahead when observations moved it later since the entry was written)
            evaluate(appKey, state, null, now);
        }
    }

    private void reevaluateAll(Instant now) {
        List<AppState> all = new ArrayList<>();
        try (KeyValueIterator<String, AppState> it = apps.all()) {
            it.forEachRemaining(kv -> all.add(kv.value));
        }
        all.forEach(s -> evaluate(s.appKey().toString(), s, s.indexedAt(), now));
    }

    /**
     * Decides for {@code state} at {@code now}, sends what was decided and stores the new state.
     *
     * <p>The deadline index is maintained lazily: an app's entry only ever sits at or before its real due time.
     * When a decision moves the due time later (every observation moves the staleness check), the entry stays
     * where it is and the app keeps it; when that entry comes due the punctuator evaluates the app, finds it not
     * due yet and indexes it at its real due time. Only a due time moving earlier writes an entry at once. So
     * nothing is looked at later than its due time plus one punctuation interval, and a steady stream of
     * observations costs one store write per event instead of three.
     *
     * @param appKey  {@code state.appKey().toString()}
     * @param indexed the app's entry in the index, or null when it has none (or the punctuator just consumed it)
     */
    private void evaluate(String appKey, AppState state, Long indexed, Instant now) {
        EffectivePolicy policy = resolve(state);
        Decision decision = settings.rules().decide(state, policy, now, activeSince, false);
        long ts = now.toEpochMilli();
        for (ShutdownWarning w : decision.warnings()) {
            send(EvaluatorTopology.NOTICE_SINK, appKey, CloudEvent.of(w.noticeId(), SOURCE, now, w), ts);
        }
        for (ShutdownCommand c : decision.commands()) {
            send(EvaluatorTopology.COMMAND_SINK, appKey, CloudEvent.of(c.commandId(), SOURCE, now, c), ts);
        }
        for (ComplianceFinding f : decision.findings()) {
            send(EvaluatorTopology.COMPLIANCE_SINK, f.subject(), CloudEvent.of(f.findingId(), SOURCE, now, f), ts);
        }
        if (decision.forget()) {
            forget(appKey, decision.state());
            return;
        }
        Long next = decision.nextDue() == null ? null : decision.nextDue().toEpochMilli();
        Long kept = indexed;
        if (next == null || indexed == null || next < indexed) {
            if (indexed != null) {
                index.delete(DeadlineIndex.key(indexed, appKey));
            }
            if (next != null) {
                index.put(DeadlineIndex.key(next, appKey), DeadlineIndex.EMPTY);
            }
            kept = next;
        }
        AppState decided = decision.state();
        AppState stored = Objects.equals(decided.indexedAt(), kept) ? decided : decided.withIndexedAt(kept);
        apps.put(appKey, stored);
    }

    private void forget(String appKey, AppState state) {
        if (state != null && state.indexedAt() != null) {
            index.delete(DeadlineIndex.key(state.indexedAt(), appKey));
        }
        apps.delete(appKey);
    }

    /**
     * Forwards a record and asks for a commit at once: under exactly-once a record is visible to its readers only
     * once the transaction commits, so a command waits for no commit interval (which is long, for throughput).
     */
    private void send(String sink, String key, CloudEvent<?> event, long ts) {
        context.forward(new Record<>(key, codec.encode(event), ts), sink);
        context.commit();
    }

    private void deadLetter(Record<String, byte[]> record, RecordMetadata meta, String problem, String reason) {
        Instant now = clock.instant();
        String payload = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        DeadLetter letter = new DeadLetter(SERVICE, meta == null ? null : meta.topic(),
                meta == null ? null : meta.partition(), meta == null ? null : meta.offset(), record.key(), problem,
                reason, payload, false, now);
        String id = meta == null ? java.util.UUID.randomUUID().toString()
                : SERVICE + "/" + meta.topic() + "/" + meta.partition() + "/" + meta.offset();
        LOG.warnf("record from %s dead-lettered: %s %s", letter.sourceTopic(), problem, reason);
        send(EvaluatorTopology.DEAD_LETTER_SINK, record.key(), CloudEvent.of(id, SOURCE, now, letter),
                now.toEpochMilli());
    }

    private void reloadPolicies(long version) {
        KeyValueStore<String, byte[]> store = context.getStateStore(EvaluatorTopology.POLICY_STORE);
        policies = StoredPolicies.read(store);
        levels = EnumSet.noneOf(PolicyScope.Level.class);
        policies.keySet().forEach(scope -> levels.add(scope.level()));
        resolved.clear();
        loadedVersion = version;
    }

    /**
     * The app's policy. Resolution depends only on the scopes that apply to the app (its domain, owner, app type and
     * image, or its Jupyter target) at the levels some loaded policy is stored at, and on the two tags that set a
     * policy, so it is remembered by those until the policies change (bounded: forgotten wholesale when it grows past
     * {@link #RESOLVED_MAX}). With no owner-level policy, say, the apps of every owner share one entry.
     */
    private EffectivePolicy resolve(AppState state) {
        AppKey key = state.appKey();
        boolean jupyter = key.isJupyterTarget();
        PolicyInput input = new PolicyInput(jupyter,
                levels.contains(PolicyScope.Level.DOMAIN) || levels.contains(PolicyScope.Level.OWNER)
                        ? key.domainId() : null,
                levels.contains(PolicyScope.Level.OWNER) ? key.owner() : null,
                levels.contains(PolicyScope.Level.APP_TYPE) ? key.appType() : null,
                jupyter && levels.contains(PolicyScope.Level.JUPYTER_TARGET) ? key.appName() : null,
                levels.contains(PolicyScope.Level.IMAGE) ? state.image() : null,
                state.tags().get(PolicyResolver.TAG_IDLE_LIMIT_MINUTES), state.tags().get(PolicyResolver.TAG_EXEMPT));
        EffectivePolicy policy = resolved.get(input);
        if (policy == null) {
            policy = settings.resolver().resolve(state.appKey(), state.image(), state.tags(), policies::get);
            if (resolved.size() >= RESOLVED_MAX) {
                resolved.clear();
            }
            resolved.put(input, policy);
        }
        return policy;
    }

    private record PolicyInput(boolean jupyter, String domainId, String owner, AppType appType, String jupyterTarget, String image,
                               String limitTag, String exemptTag) {
    }

    private static AppKey appKeyOf(EventData data) {
        if (data instanceof KernelObserved k) {
            return k.appKey();
        }
        if (data instanceof TerminalObserved t) {
            return t.appKey();
        }
        if (data instanceof AppObserved a) {
            return a.appKey();
        }
        if (data instanceof SourceUnobserved u) {
            return u.appKey();
        }
        return null;
    }
}
