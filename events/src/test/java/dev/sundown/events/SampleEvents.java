package dev.sundown.events;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One realistic instance of every event type, as the services write them. */
final class SampleEvents {
    static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    static final AppKey KG = AppKey.studio("d-abc123", "alice", AppType.KernelGateway,
            "datascience-1-0-ml-t3-medium-1a2b3c");
    static final AppKey DW = AppKey.studio("d-abc123", "bob", AppType.KernelGateway,
            "sagemaker-data-wrang-ml-m5-4xlarge-4d5e");
    static final URI SOURCE = URI.create("/sundown/test");
    static final PolicyInForce POLICY = new PolicyInForce(List.of("global", "domain/d-abc123"),
            Duration.ofMinutes(120), Duration.ofMinutes(15), false);

    private SampleEvents() {
    }

    static EventData of(EventType type) {
        return switch (type) {
            case KERNEL_OBSERVED -> new KernelObserved(KG, "studio/d-abc123/alice", "5e0f4c1a-kernel",
                    "python3", ExecutionState.IDLE, 1, T0.minusSeconds(600), "work/train.ipynb", T0);
            case TERMINAL_OBSERVED -> new TerminalObserved(AppKey.jupyter("gpu-box"), "jupyter/gpu-box", "1",
                    T0.minusSeconds(30), T0);
            case APP_OBSERVED -> new AppObserved(DW, "sagemaker/d-abc123", OwnerKind.USER_PROFILE, "InService",
                    "ml.m5.4xlarge", "arn:aws:sagemaker:us-east-1:123456789012:image/sagemaker-data-wrangler-1.0",
                    T0.minusSeconds(7200), T0.minusSeconds(60), T0.minusSeconds(60), null, null,
                    Map.of("sundown:slack-user", "U012ABC"), T0);
            case SOURCE_UNOBSERVED -> new SourceUnobserved(AppKey.jupyter("gpu-box"), "jupyter/gpu-box",
                    "timeout after 5s", T0.minusSeconds(120), T0);
            case SHUTDOWN_COMMAND -> command();
            case SHUTDOWN_RESULT -> ShutdownResult.of(command(), Outcome.DONE, "DeleteApp accepted",
                    T0.plusSeconds(2), 1);
            case SHUTDOWN_WARNING -> new ShutdownWarning("warn-9f8e7d", DW, "bob", "U012ABC",
                    List.of(new ResourceRef(ResourceKind.APP, DW.appName())), "ml.m5.4xlarge",
                    "sagemaker-data-wrangler-1.0", T0.minusSeconds(6300), T0.plusSeconds(900), 0.922, false, T0);
            case COMPLIANCE_FINDING -> new ComplianceFinding("f-1", "scan-2026-11-28T10", FindingKind.SCAN,
                    "d-abc123", OwnerKind.USER_PROFILE, "carol", false, List.of("server unreachable"), true,
                    false, null, T0);
            case COMPLIANCE_SUMMARY -> new ComplianceSummary("scan-2026-11-28T10", "d-abc123", 12, 3, 13, 2, 1,
                    4, true, T0);
            case IDLE_POLICY -> new IdlePolicy(PolicyScope.image("sagemaker-data-wrangler-1.0"),
                    Duration.ofMinutes(30), Duration.ofMinutes(5), null, null, null, null, null, "admin", T0);
            case DEAD_LETTER -> new DeadLetter("idle-evaluator", Topics.KERNEL_ACTIVITY.name(), 2, 1234L,
                    KG.toString(), "NOT_JSON", "record value is not JSON", "{oops", false, T0);
        };
    }

    static ShutdownCommand command() {
        return new ShutdownCommand("3f2a9c0b1d4e5f60718293a4b5c6d7e8", DW, OwnerKind.USER_PROFILE,
                new ResourceRef(ResourceKind.APP, DW.appName()), "no kernels or terminals for 120 min", POLICY,
                T0.minusSeconds(7200), T0, T0.minusSeconds(7200), T0.minusSeconds(30), T0, "ml.m5.4xlarge",
                "sagemaker-data-wrangler-1.0", 0.922);
    }

    static CloudEvent<EventData> event(EventType type) {
        return CloudEvent.of("id-" + type.name(), SOURCE, T0, of(type));
    }
}
