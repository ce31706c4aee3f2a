package dev.sundown.evaluator.streams;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global policy store equal to the compacted policy topic: the raw record values by scope, a tombstone
 * deleting the scope. Values stay raw so that the store restored from the topic at startup is the same.
 */
final class PolicyStoreProcessor implements Processor<String, byte[], Void, Void> {

    private final PolicyVersion version;
    private KeyValueStore<String, byte[]> store;

    PolicyStoreProcessor(PolicyVersion version) {
        this.version = version;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(EvaluatorTopology.POLICY_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
        version.changed();
    }
}
