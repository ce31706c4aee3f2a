package dev.sundown.deploy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Decides whether an environment variable given to a service's container is one of its real settings: a
 * {@code @ConfigMapping} or application.properties key of the module, a Kafka client property for the services
 * that use SmallRye Kafka ({@code KAFKA_SASL_MECHANISM} is {@code kafka.sasl.mechanism}), a Kafka Streams setting
 * of Quarkus for the services that use Kafka Streams, or one of the few Quarkus and image variables listed here.
 */
final class Environment {

    /** Quarkus settings every service may be given, with what they do. */
    static final Map<String, String> QUARKUS = Map.of(
            "QUARKUS_HTTP_PORT", "quarkus.http.port",
            "QUARKUS_HTTP_HOST", "quarkus.http.host",
            "QUARKUS_LOG_LEVEL", "quarkus.log.level",
            "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "quarkus.log.console.json.enabled (quarkus-logging-json)",
            "QUARKUS_PROFILE", "quarkus.profile");

    /** Variables read by the image's launcher, not by the application. */
    static final Set<String> IMAGE = Set.of("JAVA_OPTS_APPEND", "JAVA_MAX_MEM_RATIO");

    /** Settings of quarkus-kafka-streams ({@code quarkus.kafka-streams.*}) used for the broker and its security. */
    static final Set<String> KAFKA_STREAMS = Set.of("bootstrap-servers", "application-id", "application-server",
            "topics", "security-protocol", "sasl.mechanism", "sasl.jaas-config", "sasl.client-callback-handler-class",
            "ssl.truststore.location", "ssl.truststore.password", "ssl.truststore.type", "ssl.keystore.location",
            "ssl.keystore.password", "ssl.keystore.type", "ssl.key.password", "ssl.endpoint-identification-algorithm");

    private static final Map<String, ServiceSettings> SETTINGS = new HashMap<>();

    private Environment() {
    }

    static synchronized ServiceSettings settings(String module) {
        return SETTINGS.computeIfAbsent(module, ServiceSettings::of);
    }

    /** Empty when the variable is a real setting of the module; otherwise why not. */
    static Optional<String> problem(String module, String variable) {
        ServiceSettings settings = settings(module);
        if (settings.hasEnvironmentVariable(variable) || QUARKUS.containsKey(variable) || IMAGE.contains(variable)) {
            return Optional.empty();
        }
        String pom = Repo.read(Repo.path(module).resolve("pom.xml"));
        if (variable.startsWith("QUARKUS_KAFKA_STREAMS_") && pom.contains("quarkus-kafka-streams")) {
            String rest = variable.substring("QUARKUS_KAFKA_STREAMS_".length());
            boolean known = KAFKA_STREAMS.stream().anyMatch(k -> ServiceSettings.toEnvironmentName(k).equals(rest));
            return known ? Optional.empty()
                    : Optional.of(variable + " is not a quarkus.kafka-streams.* setting used here");
        }
        if (variable.startsWith("KAFKA_") && pom.contains("quarkus-messaging-kafka")) {
            String property = variable.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
            return kafkaClientConfigNames().contains(property) ? Optional.empty()
                    : Optional.of(variable + " is not a Kafka client property (" + property + ")");
        }
        return Optional.of(variable + " is not a setting of " + module + " (no @ConfigMapping or application"
                + ".properties key maps to it)");
    }

    static Set<String> kafkaClientConfigNames() {
        Set<String> names = new HashSet<>(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return names;
    }
}
