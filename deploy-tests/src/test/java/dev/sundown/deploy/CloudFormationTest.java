package dev.sundown.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CloudFormationTest {

    private final JsonNode template = Manifests.yaml(Repo.path("deploy/ecs/sundown.cloudformation.yaml"));

    @Test
    void shouldBeParameterisedByDomainKafkaTopicAndNetwork() {
        assertThat(fieldNames(template.get("Parameters"))).contains("DomainId", "KafkaBootstrapServers",
                "AlertsTopicArn", "Subnets", "SecurityGroups", "SlackWebhookSecretArn", "KafkaAuthentication");
    }

    @Test
    void shouldTieTheClusterServicesAndTopicTogether() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        template.get("Resources").forEach(r -> counts.merge(r.get("Type").asText(), 1L, Long::sum));

        assertThat(counts).containsEntry("AWS::ECS::Cluster", 1L).containsEntry("AWS::SNS::Topic", 1L)
                .containsEntry("AWS::ECS::Service", 4L).containsEntry("AWS::ECS::TaskDefinition", 4L);
    }

    @Test
    void shouldGiveTheTaskRolesTheSamePoliciesAsDeployEcsIam() {
        for (String service : Repo.SERVICES) {
            JsonNode role = template.get("Resources").get(logical(service) + "TaskRole");
            JsonNode inTemplate = role.at("/Properties/Policies/0/PolicyDocument/Statement");
            JsonNode standalone = IamPolicyTest.policy(service).map(p -> p.get("Statement"))
                    .orElse(Manifests.JSON.createArrayNode());

            assertThat(normalised(inTemplate)).as(service).isEqualTo(standalone);
        }
    }

    @Test
    void shouldRunTheSameContainersAsTheTaskDefinitions() {
        for (String service : Repo.SERVICES) {
            JsonNode td = template.get("Resources").get(logical(service) + "TaskDefinition").get("Properties");
            JsonNode container = td.get("ContainerDefinitions").get(0);
            JsonNode standalone = EcsTaskDefinitionTest.taskDefinition(service);
            JsonNode standaloneContainer = standalone.get("containerDefinitions").get(0);

            assertThat(td.get("Cpu").asText() + "/" + td.get("Memory").asText()).as(service)
                    .isEqualTo(standalone.get("cpu").asText() + "/" + standalone.get("memory").asText());
            assertThat(names(container.get("Environment"), "Name")).as(service)
                    .isEqualTo(new TreeSet<>(EcsTaskDefinitionTest.environmentNames(standaloneContainer)));
            assertThat(names(container.get("Secrets"), "Name")).as(service)
                    .isEqualTo(names(standaloneContainer.get("secrets"), "name"));
            assertThat(container.at("/LogConfiguration/LogDriver").asText()).isEqualTo("awslogs");
            assertThat(container.at("/HealthCheck/Command").toString()).contains("/q/health/ready");
        }
    }

    static String logical(String service) {
        StringBuilder out = new StringBuilder();
        for (String part : service.split("-")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    /** Environment entries, unwrapping the Fn::If that adds IAM-only Kafka settings. */
    static Set<String> names(JsonNode entries, String key) {
        Set<String> out = new TreeSet<>();
        if (entries == null) {
            return out;
        }
        for (JsonNode e : entries) {
            JsonNode entry = e.has("Fn::If") ? e.get("Fn::If").get(1) : e;
            out.add(entry.get(key).asText());
        }
        return out;
    }

    /** The template's statements with Fn::Sub unwrapped and AWS pseudo parameters renamed as in the JSON files. */
    static JsonNode normalised(JsonNode statements) {
        ArrayNode out = Manifests.JSON.createArrayNode();
        if (statements == null || statements.isMissingNode()) {
            return out;
        }
        for (JsonNode statement : statements) {
            var copy = statement.deepCopy();
            JsonNode resource = statement.get("Resource");
            if (resource.isArray()) {
                ArrayNode resources = Manifests.JSON.createArrayNode();
                for (JsonNode r : resource) {
                    resources.add(resourceText(r));
                }
                ((com.fasterxml.jackson.databind.node.ObjectNode) copy).set("Resource", resources);
            }
            out.add(copy);
        }
        return out;
    }

    static String resourceText(JsonNode r) {
        if (r.isTextual()) {
            return r.asText();
        }
        if (r.has("Fn::Sub")) {
            return r.get("Fn::Sub").asText().replace("${AWS::Region}", "${Region}")
                    .replace("${AWS::AccountId}", "${Account}");
        }
        if (r.has("Fn::If") && r.toString().contains("AlertsTopic")) {
            return "${AlertsTopicArn}";
        }
        return r.toString();
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
