package dev.sundown.evaluator.query;

import dev.sundown.evaluator.domain.AppState;
import dev.sundown.evaluator.streams.EvaluatorTopology;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Read-only views of this instance's state stores (interactive queries). */
@ApplicationScoped
public class EvaluatorStores {

    private final KafkaStreams streams;

    EvaluatorStores(KafkaStreams streams) {
        this.streams = streams;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** App states of the partitions this instance owns. */
    public ReadOnlyKeyValueStore<String, AppState> apps() {
        return streams.store(StoreQueryParameters.fromNameAndType(EvaluatorTopology.APP_STORE,
                QueryableStoreTypes.keyValueStore()));
    }

    /** Every policy (the global store holds the whole policy topic on each instance). */
    public ReadOnlyKeyValueStore<String, byte[]> policies() {
        return streams.store(StoreQueryParameters.fromNameAndType(EvaluatorTopology.POLICY_STORE,
                QueryableStoreTypes.keyValueStore()));
    }
}
