package dev.sundown.notifier.it;

import dev.sundown.testsupport.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Points the notifier at the JVM's Kafka broker and at the studio-simulator: SNS at {@code <base>/sns} with an admin topic and an owner's
 * e-mail topic created through the real {@link SnsClient}, the admin Slack webhook, and a per-kind webhook for
 * digests.
 */
public class SimulatorResource implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_TOPIC = "sundown-admins";
    public static final String CAROL_TOPIC = "sundown-owner-carol";

    static String adminTopicArn;
    static String carolTopicArn;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(startBroker());
        Simulator sim = Simulator.shared();
        try (SnsClient sns = SnsClient.builder()
                .endpointOverride(URI.create(sim.baseUrl() + "/sns"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            adminTopicArn = sns.createTopic(b -> b.name(ADMIN_TOPIC)).topicArn();
            carolTopicArn = sns.createTopic(b -> b.name(CAROL_TOPIC)).topicArn();
        }
        config.put("sundown.notifier.sns.endpoint", sim.baseUrl() + "/sns");
        config.put("sundown.notifier.sns.admin-topic-arn", adminTopicArn);
        config.put("sundown.notifier.sns.owner-topics.carol", carolTopicArn);
        config.put("sundown.notifier.sns.legacy-body", "true");
        config.put("sundown.notifier.slack.webhook-url", sim.baseUrl() + "/slack/webhook/admin");
        config.put("sundown.notifier.slack.webhooks.digest", sim.baseUrl() + "/slack/webhook/finops");
        config.put("sundown.notifier.slack.owners.bob", "U0BOB");
        return config;
    }

    /**
     * The JVM's shared broker with every Sundown topic. Started with the system class loader as context class
     * loader (the broker loads plugins through it, and the test application's loader holds second copies of
     * Kafka's classes), and its admin client with the loader of the client classes it uses.
     */
    private static Map<String, String> startBroker() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try {
            thread.setContextClassLoader(ClassLoader.getSystemClassLoader());
            KafkaBroker broker = KafkaBroker.shared();
            thread.setContextClassLoader(KafkaBroker.class.getClassLoader());
            broker.createSundownTopics();
            String servers = broker.bootstrapServers();
            return Map.of("kafka.bootstrap.servers", servers,
                    "mp.messaging.connector.smallrye-kafka.bootstrap.servers", servers,
                    "quarkus.kafka.devservices.enabled", "false");
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; stopped at JVM exit
    }
}
