package dev.sundown.testsupport;

import dev.sundown.events.Topic;
import dev.sundown.events.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates every topic of the {@link Topics} registry, with its partitions, cleanup policy and retention, on a
 * running broker; topics that exist are left alone. {@code bin/kafka-broker create-topics} runs it:
 *
 * <pre>
 * java -cp ... dev.sundown.testsupport.CreateTopics [--bootstrap-server 127.0.0.1:9092] [--replication-factor 1]
 * </pre>
 */
public final class CreateTopics {

    private CreateTopics() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = "127.0.0.1:9092";
        short replication = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bootstrap-server" -> bootstrap = value(args, ++i);
                case "--replication-factor" -> replication = Short.parseShort(value(args, ++i));
                case "-h", "--help" -> {
                    System.out.println("usage: CreateTopics [--bootstrap-server HOST:PORT] [--replication-factor N]");
                    return;
                }
                default -> {
                    System.err.println("unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> topics = sundownTopics(replication);
            Set<String> created = createMissing(admin, topics);
            for (NewTopic topic : topics) {
                System.out.printf("%-32s %-8s partitions=%d cleanup.policy=%s%n", topic.name(),
                        created.contains(topic.name()) ? "created" : "exists", topic.numPartitions(),
                        topic.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG));
            }
        }
    }

    /** The registry's topics as the broker should hold them. */
    public static List<NewTopic> sundownTopics(short replicationFactor) {
        List<NewTopic> topics = new ArrayList<>();
        for (Topic topic : Topics.all()) {
            Map<String, String> configs = new HashMap<>();
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, topic.cleanupPolicy());
            if (topic.retention() != null) {
                configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retention().toMillis()));
            }
            topics.add(new NewTopic(topic.name(), topic.partitions(), replicationFactor).configs(configs));
        }
        return topics;
    }

    /** Creates those of {@code topics} that do not exist yet; returns the names it created. */
    static Set<String> createMissing(Admin admin, List<NewTopic> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = topics.stream()
                .filter(t -> !existing.contains(t.name()))
                .collect(Collectors.toList());
        Set<String> created = new java.util.HashSet<>();
        if (missing.isEmpty()) {
            return created;
        }
        for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> result
                : admin.createTopics(missing).values().entrySet()) {
            try {
                result.getValue().get(30, TimeUnit.SECONDS);
                created.add(result.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        return created;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            System.err.println(args[i - 1] + " needs a value");
            System.exit(2);
        }
        return args[i];
    }
}
