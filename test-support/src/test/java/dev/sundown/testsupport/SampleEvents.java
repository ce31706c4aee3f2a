package dev.sundown.testsupport;

import dev.sundown.events.AppKey;
import dev.sundown.events.AppObserved;
import dev.sundown.events.AppType;
import dev.sundown.events.CloudEvent;
import dev.sundown.events.ComplianceFinding;
import dev.sundown.events.ComplianceSummary;
import dev.sundown.events.DeadLetter;
import dev.sundown.events.EventData;
import dev.sundown.events.EventType;
import dev.sundown.events.ExecutionState;
import dev.sundown.events.FindingKind;
import dev.sundown.events.IdlePolicy;
import dev.sundown.events.KernelObserved;
import dev.sundown.events.Outcome;
import dev.sundown.events.OwnerKind;
import dev.sundown.events.PolicyInForce;
import dev.sundown.events.PolicyScope;
import dev.sundown.events.ResourceKind;
import dev.sundown.events.ResourceRef;
import dev.sundown.events.ShutdownCommand;
import dev.sundown.events.ShutdownResult;
import dev.sundown.events.ShutdownWarning;
import dev.sundown.events.SourceUnobserved;
import dev.sundown.events.TerminalObserved;
import dev.sundown.events.Topics;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One realistic event of every type, as the services would write them during one idle period. */
final class SampleEvents {

    static final Instant NOW = Instant.parse("2026-11-28T09:30:00.123456Z");
    static final AppKey ALICE_GPU = AppKey.studio("d-7kq2v9xw1abc", "alice", AppType.KernelGateway,
            "pytorch-2-1-gpu-py3-ml-g4dn-xlarge-7f3e");
    static final AppKey LAB_BOX = AppKey.jupyter("lab-box-01");
    static final PolicyInForce POLICY = new PolicyInForce(
            List.of("global", "domain/d-7kq2v9xw1abc", "app-type/KernelGateway"),
            Duration.ofMinutes(60), Duration.ofMinutes(10), false);

    private SampleEvents() {
    }

    static CloudEvent<EventData> of(EventType type) {
        return CloudEvent.of(URI.create("/sundown/test-support"), NOW, data(type));
    }

    static EventData data(EventType type) {
        return switch (type) {
            case KERNEL_OBSERVED -> new KernelObserved(ALICE_GPU, "studio/d-7kq2v9xw1abc/alice",
                    "8c1d7a52-3f0e-4b8e-9f61-2d4c8e1b0a77", "python3", ExecutionState.BUSY, 2,
                    NOW.minusSeconds(4), "experiments/resnet-finetune.ipynb", NOW);
            case TERMINAL_OBSERVED -> new TerminalObserved(LAB_BOX, "jupyter/lab-box-01", "3",
                    NOW.minusSeconds(1800), NOW);
            case APP_OBSERVED -> new AppObserved(ALICE_GPU, "sagemaker/d-7kq2v9xw1abc", OwnerKind.USER_PROFILE,
                    "InService", "ml.g4dn.xlarge",
                    "arn:aws:sagemaker:eu-west-1:111122223333:image/pytorch-2.1-gpu-py3",
                    NOW.minus(Duration.ofHours(5)), NOW.minusSeconds(45), NOW.minusSeconds(45),
                    List.of("8c1d7a52-3f0e-4b8e-9f61-2d4c8e1b0a77"), List.of(),
                    Map.of("team", "vision", "sundown:exempt", "false"), NOW);
            case SOURCE_UNOBSERVED -> new SourceUnobserved(LAB_BOX, "jupyter/lab-box-01",
                    "connect timed out after 5000 ms", NOW.minusSeconds(90), NOW);
            case SHUTDOWN_COMMAND -> command();
            case SHUTDOWN_RESULT -> ShutdownResult.of(command(), Outcome.SKIPPED_BECAME_ACTIVE,
                    "kernel last_activity 2026-11-28T09:29:58Z is after the observation", NOW.plusSeconds(1), 1);
            case SHUTDOWN_WARNING -> new ShutdownWarning("notice-5b2c", ALICE_GPU, "alice", "U04ALICE",
                    List.of(new ResourceRef(ResourceKind.APP, ALICE_GPU.appName())), "ml.g4dn.xlarge",
                    "pytorch-2.1-gpu-py3", NOW.minus(Duration.ofMinutes(50)), NOW.plus(Duration.ofMinutes(10)),
                    0.736, false, NOW);
            case COMPLIANCE_FINDING -> new ComplianceFinding("finding-d-7kq2v9xw1abc-bob-2026112809",
                    "scan-2026112809", FindingKind.COVERAGE_LOST, "d-7kq2v9xw1abc", OwnerKind.SPACE, "shared-nlp",
                    false, List.of("no observation for 15 min", "JupyterServer app unreachable"), false, null,
                    NOW.minus(Duration.ofMinutes(15)), NOW);
            case COMPLIANCE_SUMMARY -> new ComplianceSummary("scan-2026112809", "d-7kq2v9xw1abc", 240, 18, 251,
                    7, 12, 31, true, NOW);
            case IDLE_POLICY -> new IdlePolicy(PolicyScope.appType(AppType.KernelGateway), Duration.ofMinutes(60),
                    Duration.ofMinutes(10), false, true, true, false, false, "platform-admin@example.com", NOW);
            case DEAD_LETTER -> new DeadLetter("idle-evaluator", Topics.KERNEL_ACTIVITY.name(), 4, 981_233L,
                    ALICE_GPU.toString(), "NOT_JSON", "record value is not JSON: Unexpected character ('<')",
                    "<html>502 Bad Gateway</html>", false, NOW);
        };
    }

    private static ShutdownCommand command() {
        return new ShutdownCommand("cmd-2f9a61c0e4b7d8a1", ALICE_GPU, OwnerKind.USER_PROFILE,
                new ResourceRef(ResourceKind.APP, ALICE_GPU.appName()), "idle for 60 min, no busy kernel", POLICY,
                NOW.minus(Duration.ofMinutes(60)), NOW, NOW.minus(Duration.ofMinutes(60)), NOW.minusSeconds(1), NOW,
                "ml.g4dn.xlarge", "pytorch-2.1-gpu-py3", 0.736);
    }
}
