package dev.sundown.e2e;

import static dev.sundown.e2e.Stack.DOMAIN;
import static dev.sundown.e2e.Stack.ROOMY_LIMIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sundown.e2e.Stack.Service;
import dev.sundown.events.AppKey;
import dev.sundown.events.CloudEvent;
import dev.sundown.events.DeadLetter;
import dev.sundown.events.EventType;
import dev.sundown.events.FindingKind;
import dev.sundown.events.KernelObserved;
import dev.sundown.events.Outcome;
import dev.sundown.events.ResourceKind;
import dev.sundown.events.ResourceRef;
import dev.sundown.events.ShutdownCommand;
import dev.sundown.events.ShutdownResult;
import dev.sundown.events.ShutdownWarning;
import dev.sundown.events.SourceUnobserved;
import dev.sundown.events.Topic;
import dev.sundown.events.Topics;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Short versions of the faults on one stack: bad input, failing dependencies, crashed services, a broker restart,
 * and at the end a search for leaked secrets in everything the run logged and wrote. Each fault ends with the
 * invariant: every command has exactly one result and nothing in use or exempt was stopped.
 */
@Execution(ExecutionMode.CONCURRENT)
class FaultsIT {

    /** Faults that leave the stack standing run side by side; a crash or a broker restart runs alone. */
    private static final String STACK = "stack";

    private static final Duration SCENARIO = Duration.ofSeconds(120);
    /** How long a service may take to restart before a crash scenario's deadline. */
    private static final Duration RESTART_WINDOW = Duration.ofSeconds(20);
    private static final Map<String, String> TARGETS = Map.of(
            "slowpoke", "e2e-token-slowpoke-91ab2d",
            "htmlpage", "e2e-token-htmlpage-5d20c4",
            "dropper", "e2e-token-dropper-e0b3a7",
            "steady", "e2e-token-steady-44f1c9");
    /** The topics Sundown's services consume. */
    private static final List<Topic> CONSUMED = List.of(Topics.KERNEL_ACTIVITY, Topics.TERMINAL_ACTIVITY,
            Topics.APP_ACTIVITY, Topics.POLICIES, Topics.SHUTDOWN_COMMANDS, Topics.SHUTDOWN_RESULTS, Topics.NOTICES,
            Topics.COMPLIANCE);

    private static Stack stack;
    private static Simulator sim;

    @BeforeAll
    static void startStack() {
        stack = Stack.start("faults", "faults.yaml", TARGETS);
        sim = stack.simulator();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            try {
                Trail.assertEveryCommandHasExactlyOneResult("", Duration.ofSeconds(60));
                // no token, webhook URL, AWS secret, cookie or presigned URL in anything the run logged or wrote
                assertThat(Leaks.find(stack)).as("secrets in the logs and topics of the run").isEmpty();
            } finally {
                stack.close();
            }
        }
    }

    @Test
    @ResourceLock(value = STACK, mode = ResourceAccessMode.READ)
    void shouldDeadLetterMalformedRecordsOnEveryConsumedTopicAndKeepGoing() throws Exception {
        // given topics that accept records larger than Sundown's 1 MiB limit, so an oversized record can arrive
        allowLargeRecords(CONSUMED);

        // when records that are not JSON, of the wrong type, with missing fields, or too large arrive on every topic
        String huge = "{\"pad\": \"" + "x".repeat(1_100_000) + "\"}";
        try (KafkaProducer<String, byte[]> producer = largeRecordProducer()) {
            for (Topic topic : CONSUMED) {
                String key = keyFor(topic);
                send(producer, topic, key, "this is { not JSON".getBytes(StandardCharsets.UTF_8));
                send(producer, topic, key, wrongType());
                send(producer, topic, key, missingFields(topic));
                send(producer, topic, key, huge.getBytes(StandardCharsets.UTF_8));
            }
        }

        // then each reaches the dead-letter topic with its reason
        List<String> expected = new ArrayList<>();
        for (Topic topic : CONSUMED) {
            for (String problem : List.of("NOT_JSON", "TYPE_NOT_ALLOWED_ON_TOPIC", "MISSING_FIELD", "TOO_LARGE")) {
                expected.add(topic.name() + " " + problem);
            }
        }
        List<String> missing = new ArrayList<>(expected);
        try {
            await("dead letters for every topic and problem").atMost(SCENARIO).pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        List<DeadLetter> letters = Trail.deadLetters();
                        missing.clear();
                        for (String e : expected) {
                            String[] parts = e.split(" ");
                            boolean found = letters.stream().anyMatch(d -> parts[0].equals(d.sourceTopic())
                                    && parts[1].equals(d.problem()) && !d.reason().isBlank());
                            if (!found) {
                                missing.add(e);
                            }
                        }
                        return missing.isEmpty();
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no dead letter for: " + missing, e);
        }

        // and the pipeline goes on: every service still ready, and an idle kernel is still shut down
        assertAllReady();
        String kernel = sim.addTargetKernel("steady", "0s");
        ShutdownResult result = Trail.awaitResult("steady kernel shut down", SCENARIO,
                r -> r.resource().equals(new ResourceRef(ResourceKind.KERNEL, kernel)));
        assertThat(result.outcome()).isEqualTo(Outcome.DONE);
        Trail.assertEveryCommandHasExactlyOneResult("jupyter/steady", SCENARIO);
    }

    @Test
    @ResourceLock(value = STACK, mode = ResourceAccessMode.READ_WRITE) // the faults are the simulator's, for everyone
    void shouldShutDownDespiteSageMakerThrottlingAndErrorsAndDeliverDespiteSlackAndSnsErrors() {
        // given SageMaker throttling 30% and failing 10% of calls, SNS failing 30%, Slack answering 429 or 500 to
        // its next four posts
        sim.faults("""
                {"seed": 7,
                 "sagemaker": {"*": {"throttleRate": 0.3, "errorRate": 0.1}},
                 "sns": {"*": {"throttleRate": 0.2, "errorRate": 0.1}},
                 "slack": {"rateLimitRate": 0.5, "retryAfterSeconds": 1, "errorRate": 0.5, "count": 4}}""");
        try {
            List<String> profiles = List.of("thr1", "thr2", "thr3");
            for (String p : profiles) {
                sim.addProfileWithApp(p, "{\"sundown:slack-user\": \"U0" + p.toUpperCase() + "\"}", "kg-" + p,
                        "datascience-1.0", "ml.t3.medium", "[{\"idleSince\": \"0s\"}]", "[]");
            }

            // then every idle app is shut down exactly once and every warning reaches Slack
            for (String p : profiles) {
                ShutdownResult result = Trail.awaitResult("kg-" + p + " shut down", SCENARIO,
                        r -> r.resource().equals(new ResourceRef(ResourceKind.APP, "kg-" + p)));
                assertThat(result.outcome()).as("kg-" + p).isEqualTo(Outcome.DONE);
                assertThat(sim.deleteAppCalls("kg-" + p)).as("successful DeleteApp of kg-" + p).hasSize(1);
                await("warning for " + p + " on Slack").atMost(SCENARIO)
                        .until(() -> sim.slackWarned("U0" + p.toUpperCase(), "kg-" + p));
                Trail.assertEveryCommandHasExactlyOneResult(DOMAIN + "/" + p + "/", SCENARIO);
            }
            assertThat(sim.callsOf("sagemaker").stream().filter(c -> c.status() != 200).count())
                    .as("SageMaker calls that met a fault").isPositive();
            assertThat(sim.callsOf("slack").stream().filter(c -> c.status() != 200).count())
                    .as("Slack posts that met a fault").isPositive();
        } finally {
            sim.clearFaults();
        }
    }

    @Test
    @ResourceLock(value = STACK, mode = ResourceAccessMode.READ)
    void shouldNeitherShutDownNorGuessWhenJupyterAnswersHtmlOrDropsConnectionsAndCopeWithSlowAnswers() {
        // given an idle kernel on each of three servers, observed; the two that will fail have a limit their outage
        // can register within
        stack.roomyLimit("jupyter/htmlpage");
        stack.roomyLimit("jupyter/dropper");
        Map<String, String> kernels = Map.of(
                "slowpoke", sim.addTargetKernel("slowpoke", "0s"),
                "htmlpage", sim.addTargetKernel("htmlpage", "0s"),
                "dropper", sim.addTargetKernel("dropper", "0s"));
        await("kernels observed").atMost(SCENARIO).until(() -> Trail.data(Topics.KERNEL_ACTIVITY,
                KernelObserved.class).stream().map(KernelObserved::kernelId).toList().containsAll(kernels.values()));

        // when one answers slowly (within the timeout), one answers an HTML login page and one drops connections
        sim.targetReachability("slowpoke", "slow", "1s");
        sim.targetReachability("htmlpage", "html", null);
        sim.targetReachability("dropper", "refused", null);

        // then the slow one is still handled, the other two are reported unobserved and nothing of theirs is stopped
        ShutdownResult slow = Trail.awaitResult("slow server's kernel shut down", SCENARIO,
                r -> r.resource().equals(new ResourceRef(ResourceKind.KERNEL, kernels.get("slowpoke"))));
        assertThat(slow.outcome()).isEqualTo(Outcome.DONE);
        await("unobserved reports").atMost(SCENARIO).until(() -> {
            List<SourceUnobserved> u = Trail.data(Topics.APP_ACTIVITY, SourceUnobserved.class);
            return u.stream().anyMatch(s -> s.appKey().equals(AppKey.jupyter("htmlpage")) && !s.reason().isBlank())
                    && u.stream().anyMatch(s -> s.appKey().equals(AppKey.jupyter("dropper")));
        });
        await("nothing stopped on unreadable servers").during(ROOMY_LIMIT.plusSeconds(2))
                .atMost(ROOMY_LIMIT.multipliedBy(2))
                .until(() -> sim.deleteKernelCalls(kernels.get("htmlpage")).isEmpty()
                        && sim.deleteKernelCalls(kernels.get("dropper")).isEmpty());
        Trail.assertNothingStopped("jupyter/htmlpage");
        Trail.assertNothingStopped("jupyter/dropper");

        // and once they answer again, their kernels get a full limit, then are shut down
        Instant back = Instant.now();
        sim.targetReachability("htmlpage", "ok", null);
        sim.targetReachability("dropper", "ok", null);
        for (String target : List.of("htmlpage", "dropper")) {
            await(target + " kernel shut down").atMost(SCENARIO)
                    .until(() -> !sim.deleteKernelCalls(kernels.get(target)).isEmpty());
            assertThat(sim.deleteKernelCalls(kernels.get(target)).get(0).time())
                    .isAfterOrEqualTo(back.plus(ROOMY_LIMIT).minusMillis(1500));
            Trail.assertEveryCommandHasExactlyOneResult("jupyter/" + target, SCENARIO);
        }
        sim.targetReachability("slowpoke", "ok", null);
    }

    @Test
    @ResourceLock(value = STACK, mode = ResourceAccessMode.READ_WRITE)
    void shouldEndEveryCommandInOneResultWhenTheExecutorIsKilledMidScenario() {
        // given the executor killed with SIGKILL
        stack.kill9(Service.EXECUTOR);

        // when an idle app's command is issued while it is down, and it is restarted
        sim.addProfileWithApp("kex", "{}", "kg-kex", "datascience-1.0", "ml.t3.medium",
                "[{\"idleSince\": \"0s\"}]", "[]");
        await("command for kex issued").atMost(SCENARIO).until(() -> !Trail.commands(
                c -> c.appKey().toString().startsWith(DOMAIN + "/kex/")).isEmpty());
        stack.restart(Service.EXECUTOR);

        // then the app is deleted once and the command has exactly one result
        ShutdownResult result = Trail.awaitResult("kg-kex shut down", SCENARIO,
                r -> r.resource().equals(new ResourceRef(ResourceKind.APP, "kg-kex")));
        assertThat(result.outcome()).isIn(Outcome.DONE, Outcome.ALREADY_GONE);
        assertThat(sim.deleteAppCalls("kg-kex")).hasSize(1);
        Trail.assertEveryCommandHasExactlyOneResult(DOMAIN + "/kex/", SCENARIO);
    }

    @Test
    @ResourceLock(value = STACK, mode = ResourceAccessMode.READ_WRITE)
    void shouldIssueOneCommandPerIdlePeriodWhenTheEvaluatorIsKilledMidScenario() {
        // given an idle app whose owner has just been warned, with time for a restart before its deadline
        restartWindow("kev");
        sim.addProfileWithApp("kev", "{}", "kg-kev", "datascience-1.0", "ml.t3.medium",
                "[{\"idleSince\": \"0s\"}]", "[]");
        Trail.awaitWarning("warning for kev", SCENARIO, w -> w.appKey().toString().startsWith(DOMAIN + "/kev/"));

        // when the evaluator is killed with SIGKILL before the command and restarted
        stack.kill9(Service.EVALUATOR);
        assertThat(Trail.commands(c -> c.appKey().toString().startsWith(DOMAIN + "/kev/")))
                .as("commands before the kill").isEmpty();
        stack.restart(Service.EVALUATOR);

        // then the app is shut down once, after one warning and one command
        ShutdownResult result = Trail.awaitResult("kg-kev shut down", SCENARIO,
                r -> r.resource().equals(new ResourceRef(ResourceKind.APP, "kg-kev")));
        assertThat(result.outcome()).isEqualTo(Outcome.DONE);
        assertThat(sim.deleteAppCalls("kg-kev")).hasSize(1);
        List<ShutdownCommand> commands = Trail.commands(c -> c.appKey().toString().startsWith(DOMAIN + "/kev/"));
        assertThat(commands).extracting(ShutdownCommand::commandId).as("commands for kev").hasSize(1);
        Trail.assertEveryCommandHasExactlyOneResult(DOMAIN + "/kev/", SCENARIO);
    }

    @Test
    @ResourceLock(value = STACK, mode = ResourceAccessMode.READ_WRITE)
    void shouldKeepIdleClocksAndRaiseNoCoverageAlertWhenTheEvaluatorRestarts() {
        // given an idle app whose owner has just been warned, with time for a restart before its deadline
        restartWindow("kew");
        sim.addProfileWithApp("kew", "{}", "kg-kew", "datascience-1.0", "ml.t3.medium",
                "[{\"idleSince\": \"0s\"}]", "[]");
        ShutdownWarning first = Trail.awaitWarning("warning for kew", SCENARIO,
                w -> w.appKey().toString().startsWith(DOMAIN + "/kew/"));

        // when the evaluator is killed with SIGKILL before the command and restarted while the collector goes on
        // observing
        stack.kill9(Service.EVALUATOR);
        assertThat(Trail.commands(c -> c.appKey().toString().startsWith(DOMAIN + "/kew/")))
                .as("commands before the kill").isEmpty();
        stack.restart(Service.EVALUATOR);

        // then the app is shut down in the idle period it was warned about, without a second warning
        ShutdownResult result = Trail.awaitResult("kg-kew shut down", SCENARIO,
                r -> r.resource().equals(new ResourceRef(ResourceKind.APP, "kg-kew")));
        assertThat(result.outcome()).isEqualTo(Outcome.DONE);
        assertThat(Trail.warnings(w -> w.appKey().toString().startsWith(DOMAIN + "/kew/")))
                .extracting(ShutdownWarning::noticeId).as("warnings for kew").containsExactly(first.noticeId());
        assertThat(Trail.findings(f -> f.owner().equals("kew") && f.kind() == FindingKind.COVERAGE_LOST))
                .as("coverage lost while the source was observed all along").isEmpty();
    }

    @Test
    @ResourceLock(value = STACK, mode = ResourceAccessMode.READ_WRITE)
    void shouldFreezeClocksWhileTheCollectorIsDownAndNotShutDownInstantlyAfterItsRestart() {
        // given an idle app, observed, under a limit the collector's outage can register within
        stack.roomyLimit("owner/" + DOMAIN + "/kco");
        sim.addProfileWithApp("kco", "{}", "kg-kco", "datascience-1.0", "ml.t3.medium",
                "[{\"idleSince\": \"0s\"}]", "[]");
        await("kco observed").atMost(SCENARIO).until(() -> !Trail.data(Topics.KERNEL_ACTIVITY, KernelObserved.class)
                .stream().filter(k -> k.appKey().toString().startsWith(DOMAIN + "/kco/")).toList().isEmpty());

        // when the collector is killed with SIGKILL and stays down for longer than the idle limit
        stack.kill9(Service.COLLECTOR);
        await("nothing stopped while unobserved").during(ROOMY_LIMIT.plusSeconds(4))
                .atMost(ROOMY_LIMIT.multipliedBy(2)).until(() -> sim.deleteAppCalls("kg-kco").isEmpty());
        Instant back = Instant.now();
        stack.restart(Service.COLLECTOR);

        // then the app gets a full limit once observed again, and is shut down once
        await("kg-kco deleted").atMost(SCENARIO).until(() -> !sim.deleteAppCalls("kg-kco").isEmpty());
        assertThat(sim.deleteAppCalls("kg-kco").get(0).time()).isAfterOrEqualTo(back.plus(ROOMY_LIMIT));
        assertThat(sim.deleteAppCalls("kg-kco")).hasSize(1);
        Trail.assertEveryCommandHasExactlyOneResult(DOMAIN + "/kco/", SCENARIO);
    }

    @Test
    @ResourceLock(value = STACK, mode = ResourceAccessMode.READ_WRITE)
    void shouldDeliverTheWarningWhenTheNotifierIsKilledMidScenario() {
        // given a warning window long enough for a restart: the notifier drops a warning whose deadline has passed
        restartWindow("kno");
        // and the notifier killed with SIGKILL before an idle app is warned about
        stack.kill9(Service.NOTIFIER);
        sim.addProfileWithApp("kno", "{\"sundown:slack-user\": \"U0KNO\"}", "kg-kno", "datascience-1.0",
                "ml.t3.medium", "[{\"idleSince\": \"0s\"}]", "[]");
        ShutdownWarning warning = Trail.awaitWarning("warning for kno", SCENARIO,
                w -> w.appKey().toString().startsWith(DOMAIN + "/kno/"));

        // when it is restarted after the warning was published, and before its deadline
        stack.restart(Service.NOTIFIER);
        assertThat(Instant.now()).as("notifier back before the deadline").isBefore(warning.deadline());

        // then nothing is lost: the warning reaches Slack, and the app is shut down once
        await("warning for kno on Slack").atMost(SCENARIO)
                .until(() -> sim.slackWarned("U0KNO", "kg-kno"));
        ShutdownResult result = Trail.awaitResult("kg-kno shut down", SCENARIO,
                r -> r.resource().equals(new ResourceRef(ResourceKind.APP, "kg-kno")));
        assertThat(result.outcome()).isEqualTo(Outcome.DONE);
        assertThat(sim.deleteAppCalls("kg-kno")).hasSize(1);
        Trail.assertEveryCommandHasExactlyOneResult(DOMAIN + "/kno/", SCENARIO);
    }

    /**
     * Gives an owner a warning {@link #RESTART_WINDOW} ahead of its deadline: the stack's default (3 s) is shorter than
     * a JVM start plus a consumer-group rejoin, so a crash scenario would otherwise race its own deadline.
     */
    private static void restartWindow(String owner) {
        stack.putLimit("owner/" + DOMAIN + "/" + owner, RESTART_WINDOW.plusSeconds(10), RESTART_WINDOW);
    }

    @Test
    @ResourceLock(value = STACK, mode = ResourceAccessMode.READ_WRITE)
    void shouldShutDownOnceAcrossABrokerRestart() {
        // given an idle app whose owner has just been warned
        sim.addProfileWithApp("kbr", "{}", "kg-kbr", "datascience-1.0", "ml.t3.medium",
                "[{\"idleSince\": \"0s\"}]", "[]");
        Trail.awaitWarning("warning for kbr", SCENARIO, w -> w.appKey().toString().startsWith(DOMAIN + "/kbr/"));

        // when the broker restarts
        stack.broker().restart();

        // then every service comes back and the app is shut down once
        ShutdownResult result = Trail.awaitResult("kg-kbr shut down", SCENARIO,
                r -> r.resource().equals(new ResourceRef(ResourceKind.APP, "kg-kbr")));
        assertThat(result.outcome()).isIn(Outcome.DONE, Outcome.ALREADY_GONE);
        assertThat(sim.deleteAppCalls("kg-kbr")).hasSize(1);
        await("services ready again").atMost(SCENARIO).untilAsserted(FaultsIT::assertAllReady);
        Trail.assertEveryCommandHasExactlyOneResult(DOMAIN + "/kbr/", SCENARIO);
    }

    // ---------------------------------------------------------------- helpers

    private static void assertAllReady() {
        for (Service s : Service.values()) {
            assertThat(Http.answers200(stack.url(s) + "/q/health/ready")).as(s.module + " ready").isTrue();
        }
    }

    private static String keyFor(Topic topic) {
        if (topic == Topics.POLICIES) {
            return "owner/" + DOMAIN + "/malformed";
        }
        if (topic == Topics.COMPLIANCE) {
            return DOMAIN + "/malformed";
        }
        return "jupyter/malformed";
    }

    /** A valid event of a type that belongs on no consumed topic. */
    private static byte[] wrongType() {
        DeadLetter letter = new DeadLetter("e2e-tests", null, null, null, null, "TEST", "a record on the wrong topic",
                null, false, Instant.now());
        return dev.sundown.events.EventCodec.standard().encode(CloudEvent.of(URI.create("/e2e-tests"), Instant.now(),
                letter));
    }

    /** A CloudEvent of the topic's own type whose data lacks every required field. */
    private static byte[] missingFields(Topic topic) {
        EventType type = topic.types().stream().sorted().findFirst().orElseThrow();
        return ("{\"specversion\": \"1.0\", \"id\": \"e2e-missing\", \"source\": \"/e2e-tests\", \"type\": \""
                + type.type() + "\", \"time\": \"" + Instant.now() + "\", \"data\": {}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void allowLargeRecords(Collection<Topic> topics) throws Exception {
        try (Admin admin = stack.broker().admin()) {
            Map<ConfigResource, Collection<AlterConfigOp>> changes = new java.util.HashMap<>();
            for (Topic t : topics) {
                changes.put(new ConfigResource(ConfigResource.Type.TOPIC, t.name()), List.of(new AlterConfigOp(
                        new ConfigEntry("max.message.bytes", String.valueOf(4 * 1024 * 1024)),
                        AlterConfigOp.OpType.SET)));
            }
            admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<String, byte[]> largeRecordProducer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.broker().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(4 * 1024 * 1024));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private static void send(KafkaProducer<String, byte[]> producer, Topic topic, String key, byte[] value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic.name(), key, value)).get(30, TimeUnit.SECONDS);
    }
}
