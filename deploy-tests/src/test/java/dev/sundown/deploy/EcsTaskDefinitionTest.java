package dev.sundown.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EcsTaskDefinitionTest {

    /** Names of settings that hold secrets: tokens, webhook URLs, passwords, keys, JAAS configurations. */
    static final Pattern SECRET_NAME = Pattern.compile(".*(TOKEN|WEBHOOK|PASSWORD|SECRET|WEBHOOKS|JAAS_CONFIG_SCRAM).*");
    /** Fargate's valid CPU units and, for each, the memory sizes (MiB) it allows up to 4 vCPU. */
    static final Set<String> FARGATE_SIZES = Set.of("256/512", "256/1024", "256/2048", "512/1024", "512/2048",
            "512/3072", "512/4096", "1024/2048", "1024/3072", "1024/4096", "1024/8192", "2048/4096", "2048/8192");

    static JsonNode taskDefinition(String service) {
        return Manifests.json(Repo.path("deploy/ecs/task-definitions/" + service + ".json"));
    }

    @Test
    void shouldHaveAFargateTaskDefinitionPerService() {
        for (String service : Repo.SERVICES) {
            JsonNode td = taskDefinition(service);
            assertThat(td.get("requiresCompatibilities").toString()).contains("FARGATE");
            assertThat(td.get("networkMode").asText()).isEqualTo("awsvpc");
            assertThat(FARGATE_SIZES).as(service).contains(td.get("cpu").asText() + "/" + td.get("memory").asText());
            assertThat(td.get("taskRoleArn").asText()).endsWith("role/sundown-" + service);
            assertThat(td.get("containerDefinitions")).hasSize(1);
        }
    }

    @Test
    void shouldLogToCloudWatchAndCheckReadiness() {
        for (String service : Repo.SERVICES) {
            JsonNode container = taskDefinition(service).get("containerDefinitions").get(0);
            assertThat(container.at("/logConfiguration/logDriver").asText()).isEqualTo("awslogs");
            assertThat(container.at("/healthCheck/command").toString()).contains("/q/health/ready");
            assertThat(environmentNames(container)).contains("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "KAFKA_BOOTSTRAP_SERVERS");
            assertThat(container.get("image").asText()).contains("/sundown/" + service + ":");
        }
    }

    @Test
    void shouldNeverPutSecretsInPlainEnvironment() {
        List<String> problems = new ArrayList<>();
        for (String service : Repo.SERVICES) {
            JsonNode container = taskDefinition(service).get("containerDefinitions").get(0);
            for (String name : environmentNames(container)) {
                if (SECRET_NAME.matcher(name).matches() && !name.equals("KAFKA_SASL_JAAS_CONFIG")
                        && !name.equals("QUARKUS_KAFKA_STREAMS_SASL_JAAS_CONFIG")) {
                    problems.add(service + ": " + name + " must come from secrets");
                }
            }
            container.path("environment").forEach(e -> {
                if (e.get("value").asText().contains("password=")) {
                    problems.add(service + ": " + e.get("name").asText() + " carries a password");
                }
            });
            container.path("secrets").forEach(s -> assertThat(s.get("valueFrom").asText())
                    .matches("\\$\\{\\w+SecretArn}|arn:aws:(secretsmanager|ssm):.*"));
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void shouldGiveEachServiceOnlyItsRealSettings() {
        List<String> problems = new ArrayList<>();
        for (String service : Repo.SERVICES) {
            JsonNode container = taskDefinition(service).get("containerDefinitions").get(0);
            List<String> names = new ArrayList<>(environmentNames(container));
            container.path("secrets").forEach(s -> names.add(s.get("name").asText()));
            for (String name : names) {
                Environment.problem(service, name).ifPresent(problems::add);
            }
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void shouldDeliverTheSlackWebhookToTheNotifierAsASecret() {
        JsonNode container = taskDefinition("notifier").get("containerDefinitions").get(0);

        assertThat(container.get("secrets").toString()).contains("SUNDOWN_NOTIFIER_SLACK_WEBHOOK_URL");
        assertThat(environmentNames(container)).doesNotContain("SUNDOWN_NOTIFIER_SLACK_WEBHOOK_URL");
    }

    static List<String> environmentNames(JsonNode container) {
        List<String> names = new ArrayList<>();
        container.path("environment").forEach(e -> names.add(e.get("name").asText()));
        return names;
    }

    static Path dir() {
        return Repo.path("deploy/ecs");
    }
}
