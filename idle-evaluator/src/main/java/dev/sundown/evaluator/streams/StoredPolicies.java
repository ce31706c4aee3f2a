package dev.sundown.evaluator.streams;

import dev.sundown.events.EventCodec;
import dev.sundown.events.IdlePolicy;
import dev.sundown.events.MalformedEventException;
import dev.sundown.events.PolicyScope;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jboss.logging.Logger;

/** Reads the policy store's raw CloudEvents into policies by scope; an unreadable record is skipped and logged. */
public final class StoredPolicies {

    private static final Logger LOG = Logger.getLogger(StoredPolicies.class);

    private StoredPolicies() {
    }

    public static Map<PolicyScope, IdlePolicy> read(ReadOnlyKeyValueStore<String, byte[]> store) {
        Map<PolicyScope, IdlePolicy> policies = new HashMap<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> kv = all.next();
                IdlePolicy policy = decode(kv.key, kv.value);
                if (policy != null) {
                    policies.put(policy.scope(), policy);
                }
            }
        }
        return policies;
    }

    /** The policy stored under {@code key}, or null when the record is unreadable or filed under another scope. */
    public static IdlePolicy decode(String key, byte[] value) {
        try {
            IdlePolicy policy = EventCodec.standard().decode(value, IdlePolicy.class).data();
            if (!policy.scope().toString().equals(key)) {
                LOG.warnf("policy record under key %s is for scope %s: ignored", key, policy.scope());
                return null;
            }
            return policy;
        } catch (MalformedEventException e) {
            LOG.warnf("unreadable policy record under key %s ignored: %s", key, e.getMessage());
            return null;
        }
    }
}
