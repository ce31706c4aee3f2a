package dev.sundown.testsupport;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import kafka.server.BrokerServer;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/** A combined KRaft broker+controller in the test JVM, from Kafka's own test kit. Ready in about 3 s. */
final class EmbeddedBroker implements BrokerBackend {

    /**
     * The broker logs every topic, partition and metadata change at INFO: useful for Kafka's developers,
     * noise in a Sundown test report. Held strongly so the levels are not lost to garbage collection.
     */
    private static final List<Logger> QUIET = List.of(
            Logger.getLogger("kafka"), Logger.getLogger("state.change.logger"),
            Logger.getLogger("org.apache.kafka.common.test"), Logger.getLogger("org.apache.kafka.server"),
            Logger.getLogger("org.apache.kafka.controller"), Logger.getLogger("org.apache.kafka.raft"),
            Logger.getLogger("org.apache.kafka.image"), Logger.getLogger("org.apache.kafka.metadata"),
            Logger.getLogger("org.apache.kafka.storage"), Logger.getLogger("org.apache.kafka.coordinator"),
            Logger.getLogger("org.apache.kafka.queue"), Logger.getLogger("org.apache.kafka.snapshot"),
            Logger.getLogger("org.apache.kafka.network"), Logger.getLogger("org.apache.kafka.security"),
            Logger.getLogger("org.apache.kafka.clients.admin.AdminClientConfig"),
            Logger.getLogger("org.apache.kafka.common.utils.AppInfoParser"),
            Logger.getLogger("org.apache.kafka.common.metrics"),
            // Dumps every broker and client setting (hundreds of lines) at INFO.
            Logger.getLogger("org.apache.kafka.common.config.AbstractConfig"));

    private final KafkaClusterTestKit cluster;

    private EmbeddedBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    static EmbeddedBroker start() {
        QUIET.forEach(l -> l.setLevel(Level.WARNING));
        // Kafka's server code exits or halts the JVM on a fatal fault (for example a fenced broker while it shuts
        // down on an overloaded machine). In a test JVM that would turn a run whose tests all passed into a
        // crashed fork, so such a fault is logged instead, as Kafka's own test harness does.
        Logger faults = Logger.getLogger(EmbeddedBroker.class.getName());
        Exit.setExitProcedure((code, message) -> faults.warning("embedded broker asked to exit(" + code + "): " + message));
        Exit.setHaltProcedure((code, message) -> faults.warning("embedded broker asked to halt(" + code + "): " + message));
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBootstrapMetadataVersion(MetadataVersion.LATEST_PRODUCTION)
                    .build();
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "5")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "5")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    // Consumer groups join at once instead of waiting 3 s for more members.
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    // A restarted broker may register again only once its previous session has expired
                    // (9 s by default); 3 s keeps restart() quick yet tolerates a stalled, busy test JVM.
                    .setConfigProp("broker.session.timeout.ms", "3000")
                    .setConfigProp("broker.heartbeat.interval.ms", "500")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "1")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new EmbeddedBroker(cluster);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the embedded Kafka broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded Kafka broker", e);
        }
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public String kind() {
        return "embedded";
    }

    /**
     * Shuts the broker side down (closing its listener, so clients get connection refused) and starts it again
     * on the same port with the same log directories; the controller side keeps the metadata quorum.
     */
    @Override
    public void restart() {
        BrokerServer broker = cluster.brokers().values().iterator().next();
        broker.shutdown();
        broker.awaitShutdown();
        broker.startup();
        try {
            cluster.waitForReadyBrokers();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting the embedded Kafka broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("the embedded Kafka broker did not come back", e);
        }
    }

    @Override
    public void stop() {
        try {
            cluster.close();
        } catch (Exception e) {
            // The JVM is exiting; a broker that does not close cleanly leaves only temp files behind.
        }
    }
}
