package dev.sundown.evaluator.streams;

import dev.sundown.events.Topics;
import java.time.Clock;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * The evaluator's topology: the three activity topics feed one processor that owns each app's state and its
 * entry in the deadline index; the compacted policy topic feeds a global store every task reads.
 */
public final class EvaluatorTopology {

    public static final String KERNEL_TOPIC = Topics.KERNEL_ACTIVITY.name();
    public static final String TERMINAL_TOPIC = Topics.TERMINAL_ACTIVITY.name();
    public static final String APP_TOPIC = Topics.APP_ACTIVITY.name();
    public static final String POLICY_TOPIC = Topics.POLICIES.name();
    public static final String COMMAND_TOPIC = Topics.SHUTDOWN_COMMANDS.name();
    public static final String NOTICE_TOPIC = Topics.NOTICES.name();
    public static final String COMPLIANCE_TOPIC = Topics.COMPLIANCE.name();
    public static final String DEAD_LETTER_TOPIC = Topics.DEAD_LETTERS.name();

    /** App state by app key (JSON). */
    public static final String APP_STORE = "evaluator-app-state";
    /** Deadline index: 8-byte big-endian epoch millis + app key, empty value. */
    public static final String DEADLINE_INDEX = "evaluator-deadline-index";
    /** Policies by scope (raw CloudEvents from the policy topic). */
    public static final String POLICY_STORE = "evaluator-policies";

    static final String COMMAND_SINK = "commands";
    static final String NOTICE_SINK = "notices";
    static final String COMPLIANCE_SINK = "compliance";
    static final String DEAD_LETTER_SINK = "dead-letters";
    private static final String EVALUATOR = "evaluator";

    private EvaluatorTopology() {
    }

    /** The production topology: persistent (RocksDB) stores, changelogged. */
    public static Topology build(EvaluatorSettings settings, Clock clock) {
        return build(settings, clock, true);
    }

    /**
     * @param persistent RocksDB stores when true; in-memory stores (still changelogged) when false, which is how
     *                   fast topology tests run
     */
    public static Topology build(EvaluatorSettings settings, Clock clock, boolean persistent) {
        PolicyVersion policyVersion = new PolicyVersion();
        Topology topology = new Topology();
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(store(POLICY_STORE, persistent), Serdes.String(),
                        Serdes.ByteArray()).withLoggingDisabled(),
                "policy-source", new StringDeserializer(), new ByteArrayDeserializer(), POLICY_TOPIC,
                "policy-store-writer", () -> new PolicyStoreProcessor(policyVersion));

        topology.addSource("kernel-source", new StringDeserializer(), new ByteArrayDeserializer(), KERNEL_TOPIC);
        topology.addSource("terminal-source", new StringDeserializer(), new ByteArrayDeserializer(), TERMINAL_TOPIC);
        topology.addSource("app-source", new StringDeserializer(), new ByteArrayDeserializer(), APP_TOPIC);
        topology.addProcessor(EVALUATOR, () -> new EvaluatorProcessor(settings, clock, policyVersion),
                "kernel-source", "terminal-source", "app-source");
        // The events of one poll (the app, its kernels, its terminals) arrive together: the store keeps the states
        // written since the last commit as objects and writes each app's last one to RocksDB and the changelog.
        topology.addStateStore(AppStateStore.builder(store(APP_STORE, persistent)), EVALUATOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(store(DEADLINE_INDEX, persistent),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled(), EVALUATOR);

        topology.addSink(COMMAND_SINK, COMMAND_TOPIC, new StringSerializer(), new ByteArraySerializer(), EVALUATOR);
        topology.addSink(NOTICE_SINK, NOTICE_TOPIC, new StringSerializer(), new ByteArraySerializer(), EVALUATOR);
        topology.addSink(COMPLIANCE_SINK, COMPLIANCE_TOPIC, new StringSerializer(), new ByteArraySerializer(),
                EVALUATOR);
        topology.addSink(DEAD_LETTER_SINK, DEAD_LETTER_TOPIC, new StringSerializer(), new ByteArraySerializer(),
                EVALUATOR);
        return topology;
    }

    private static KeyValueBytesStoreSupplier store(String name, boolean persistent) {
        return persistent ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
    }
}
