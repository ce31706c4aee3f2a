package dev.sundown.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerAsyncClient;
import software.amazon.awssdk.services.sns.SnsAsyncClient;

/**
 * Each task-role policy grants exactly the SageMaker and SNS actions its service's code calls, scoped to the
 * configured domain and topics. The calls are found in the sources: every operation of the SDK clients (read from
 * the client interfaces) called as {@code .operation(} or {@code .operationPaginator(} in a file that uses that
 * client's package.
 */
class IamPolicyTest {

    /** SageMaker actions that support no resource-level permission: they can only be granted on "*". */
    static final Set<String> UNSCOPABLE = Set.of("sagemaker:ListDomains", "sagemaker:ListUserProfiles",
            "sagemaker:ListSpaces", "sagemaker:ListApps");

    record Client(String iamPrefix, String sourcePackage, Set<String> operations) {
    }

    static final List<Client> CLIENTS = List.of(
            new Client("sagemaker", "software.amazon.awssdk.services.sagemaker", operations(SageMakerAsyncClient.class)),
            new Client("sns", "software.amazon.awssdk.services.sns", operations(SnsAsyncClient.class)));

    @Test
    void shouldKnowTheOperationsOfTheSdkClients() {
        assertThat(CLIENTS.get(0).operations()).contains("deleteApp", "listApps", "createPresignedDomainUrl", "listTags");
        assertThat(CLIENTS.get(1).operations()).contains("publish").doesNotContain("close", "serviceName");
    }

    @Test
    void shouldFindTheCallsInSourceText() {
        String source = "import software.amazon.awssdk.services.sagemaker.SageMakerAsyncClient;\n"
                + "client.listAppsPaginator(r).subscribe(x); client.deleteApp(b -> b.appName(n)); other.publish(x);";

        assertThat(actionsCalledIn(List.of(source))).containsExactly("sagemaker:DeleteApp", "sagemaker:ListApps");
    }

    @Test
    void shouldGrantEachServiceExactlyTheActionsItsCodeCalls() {
        Map<String, Set<String>> granted = new TreeMap<>();
        Map<String, Set<String>> called = new TreeMap<>();
        for (String service : Repo.SERVICES) {
            called.put(service, actionsCalledIn(Repo.mainSources(service).stream().map(Repo::read).toList()));
            granted.put(service, policy(service).map(IamPolicyTest::allowedActions).orElse(Set.of()));
        }

        assertThat(granted).isEqualTo(called);
    }

    @Test
    void shouldScopeEveryActionToTheConfiguredDomainOrTopic() {
        List<String> problems = new ArrayList<>();
        for (String service : Repo.SERVICES) {
            policy(service).ifPresent(p -> p.get("Statement").forEach(statement -> {
                assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
                List<String> resources = texts(statement.get("Resource"));
                for (String action : texts(statement.get("Action"))) {
                    if (action.contains("*")) {
                        problems.add(service + ": wildcard action " + action);
                    } else if (UNSCOPABLE.contains(action)) {
                        if (!resources.equals(List.of("*"))) {
                            problems.add(service + ": " + action + " takes only Resource \"*\"");
                        }
                    } else if (action.startsWith("sagemaker:")) {
                        resources.stream().filter(r -> !r.startsWith("arn:aws:sagemaker:${Region}:${Account}:")
                                || !r.contains("/${DomainId}")).forEach(r ->
                                problems.add(service + ": " + action + " on " + r + " is not scoped to the domain"));
                    } else if (action.startsWith("sns:")) {
                        resources.stream().filter(r -> !r.matches("\\$\\{\\w+TopicArn}"))
                                .forEach(r -> problems.add(service + ": " + action + " on " + r + " is not a configured topic"));
                    }
                    if (resources.isEmpty()) {
                        problems.add(service + ": " + action + " has no resource");
                    }
                }
            }));
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void shouldLetOnlyTheExecutorDeleteApps() {
        for (String service : Repo.SERVICES) {
            Set<String> actions = policy(service).map(IamPolicyTest::allowedActions).orElse(Set.of());
            assertThat(actions.contains("sagemaker:DeleteApp")).as(service).isEqualTo(service.equals("shutdown-executor"));
        }
    }

    static java.util.Optional<JsonNode> policy(String service) {
        Path file = Repo.path("deploy/ecs/iam/" + service + "-task-role-policy.json");
        return file.toFile().exists() ? java.util.Optional.of(Manifests.json(file)) : java.util.Optional.empty();
    }

    static Set<String> allowedActions(JsonNode policy) {
        Set<String> actions = new TreeSet<>();
        policy.get("Statement").forEach(s -> {
            if (s.get("Effect").asText().equals("Allow")) {
                actions.addAll(texts(s.get("Action")));
            }
        });
        return actions;
    }

    static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }

    static Set<String> actionsCalledIn(List<String> sources) {
        Set<String> actions = new TreeSet<>();
        for (String source : sources) {
            for (Client client : CLIENTS) {
                if (!source.contains(client.sourcePackage())) {
                    continue;
                }
                Matcher call = Pattern.compile("\\.(" + String.join("|", client.operations()) + ")(?:Paginator)?\\(")
                        .matcher(source);
                while (call.find()) {
                    String op = call.group(1);
                    actions.add(client.iamPrefix() + ":" + Character.toUpperCase(op.charAt(0)) + op.substring(1));
                }
            }
        }
        return actions;
    }

    /** Operation names of an SDK client: the methods that take the operation's own request type. */
    static Set<String> operations(Class<?> client) {
        Set<String> ops = new TreeSet<>();
        for (Method method : client.getMethods()) {
            String name = method.getName();
            String request = Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Request";
            for (Class<?> parameter : method.getParameterTypes()) {
                if (parameter.getSimpleName().equals(request)) {
                    ops.add(name);
                }
            }
        }
        return ops;
    }
}
