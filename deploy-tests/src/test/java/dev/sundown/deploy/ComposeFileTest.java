package dev.sundown.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sundown.events.Topic;
import dev.sundown.events.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ComposeFileTest {

    private static final Path COMPOSE = Repo.path("docker-compose.yml");
    private static final Pattern CREATE = Pattern.compile("^\\s*create\\s+(\\S+)\\s+(\\d+)\\s+(\\S+)(?:\\s+(\\d+))?\\s*$",
            Pattern.MULTILINE);

    private final JsonNode compose = Manifests.yaml(COMPOSE);

    @Test
    void shouldBeValidForDockerCompose() {
        Optional<Path> dockerCompose = Tools.onPath("docker-compose");
        assumeTrue(dockerCompose.isPresent(),
                "docker-compose is not installed (apt-get install -y --no-install-recommends docker-compose)");

        Tools.Run run = Tools.run(Repo.root(), 120, dockerCompose.get().toString(), "-f", COMPOSE.toString(),
                "config", "-q");

        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    @Test
    void shouldBeValidForTheCurrentComposeSpecification() {
        Optional<Path> dclint = Tools.onPath("dclint");
        assumeTrue(dclint.isPresent(), "dclint is not installed (npm install -g dclint@3.1.0)");

        Tools.Run run = Tools.run(Repo.root(), 120, dclint.get().toString(), COMPOSE.toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    @Test
    void shouldBuildEveryServiceAndTheSimulatorFromItsModule() {
        Map<String, String> builtModules = new HashMap<>();
        compose.get("services").fields().forEachRemaining(service -> {
            JsonNode build = service.getValue().get("build");
            if (build != null) {
                String context = build.get("context").asText().replaceFirst("^\\./", "");
                assertThat(build.get("dockerfile").asText()).isEqualTo("src/main/docker/Dockerfile.jvm");
                assertThat(Repo.path(context).resolve("src/main/docker/Dockerfile.jvm")).exists();
                builtModules.put(context, service.getKey());
            }
        });

        assertThat(builtModules.keySet()).containsExactlyInAnyOrderElementsOf(Repo.QUARKUS_MODULES);
    }

    @Test
    void shouldConfigureEachServiceOnlyWithItsRealSettings() {
        List<String> problems = new ArrayList<>();
        compose.get("services").fields().forEachRemaining(service -> {
            JsonNode build = service.getValue().get("build");
            if (build == null) {
                return;
            }
            String module = build.get("context").asText().replaceFirst("^\\./", "");
            for (String variable : environment(service.getValue()).keySet()) {
                Environment.problem(module, variable).ifPresent(p -> problems.add(service.getKey() + ": " + p));
            }
        });

        assertThat(problems).isEmpty();
    }

    @Test
    void shouldPointEveryServiceAtTheBroker() {
        compose.get("services").fields().forEachRemaining(service -> {
            JsonNode build = service.getValue().get("build");
            if (build != null && !build.get("context").asText().contains("studio-simulator")) {
                assertThat(environment(service.getValue())).as(service.getKey())
                        .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
            }
        });
    }

    @Test
    void shouldStartInOrderOnHealthChecks() {
        JsonNode services = compose.get("services");
        Set<String> oneShot = Set.of("create-topics");
        services.fields().forEachRemaining(service -> {
            String name = service.getKey();
            if (!oneShot.contains(name)) {
                assertThat(service.getValue().has("healthcheck")).as(name + " has a health check").isTrue();
            }
            JsonNode dependsOn = service.getValue().get("depends_on");
            if (dependsOn != null) {
                assertThat(dependsOn.isObject()).as(name + " depends_on with conditions").isTrue();
                dependsOn.fields().forEachRemaining(dep -> assertThat(dep.getValue().get("condition").asText())
                        .as(name + " -> " + dep.getKey())
                        .isEqualTo(oneShot.contains(dep.getKey()) ? "service_completed_successfully" : "service_healthy"));
            }
        });
        JsonNode collector = services.get("activity-collector").get("build") != null ? services.get("activity-collector") : null;
        assertThat(collector).isNotNull();
        assertThat(collector.get("depends_on").has("create-topics")).isTrue();
    }

    @Test
    void shouldCheckReadinessOfEveryServiceImageOnQuarkusHealth() {
        compose.get("services").fields().forEachRemaining(service -> {
            if (service.getValue().has("build")) {
                assertThat(service.getValue().get("healthcheck").get("test").toString()).as(service.getKey())
                        .contains("/q/health/ready");
            }
        });
    }

    @Test
    void shouldCreateExactlyTheContractTopicsWithTheirPartitionsAndCleanupPolicies() {
        String script = compose.get("services").get("create-topics").get("command").get(0).asText();
        Set<String> created = new TreeSet<>();
        Matcher m = CREATE.matcher(script);
        while (m.find()) {
            created.add(m.group(1) + " " + m.group(2) + " " + m.group(3)
                    + (m.group(4) == null ? "" : " " + m.group(4)));
        }

        Set<String> expected = new TreeSet<>();
        for (Topic topic : Topics.all()) {
            expected.add(topic.name() + " " + topic.partitions() + " " + topic.cleanupPolicy()
                    + (topic.retention() == null ? "" : " " + topic.retention().toMillis()));
        }
        assertThat(created).isEqualTo(expected);
    }

    @Test
    void shouldKeepThePortsOfTheHostOnLoopback() {
        compose.get("services").fields().forEachRemaining(service -> {
            JsonNode ports = service.getValue().get("ports");
            if (ports != null) {
                ports.forEach(p -> assertThat(p.asText()).as(service.getKey()).startsWith("127.0.0.1:"));
            }
        });
    }

    static Map<String, String> environment(JsonNode service) {
        JsonNode env = service.get("environment");
        if (env == null) {
            return Map.of();
        }
        if (env.isArray()) {
            Map<String, String> out = new java.util.LinkedHashMap<>();
            env.forEach(e -> {
                String[] kv = e.asText().split("=", 2);
                out.put(kv[0], kv.length > 1 ? kv[1] : "");
            });
            return out;
        }
        return Manifests.textFields(env);
    }

    static boolean exists(Path p) {
        return Files.exists(p);
    }
}
