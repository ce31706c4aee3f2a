package dev.sundown.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeysAndScopesTest {

    @Test
    void shouldParseAndPrintAStudioAppKey() {
        AppKey key = AppKey.parse("d-abc123/alice/KernelGateway/datascience-1-0-ml-t3-medium-1a2b");

        assertThat(key.domainId()).isEqualTo("d-abc123");
        assertThat(key.owner()).isEqualTo("alice");
        assertThat(key.appType()).isEqualTo(AppType.KernelGateway);
        assertThat(key.appName()).isEqualTo("datascience-1-0-ml-t3-medium-1a2b");
        assertThat(key.isJupyterTarget()).isFalse();
        assertThat(key).hasToString("d-abc123/alice/KernelGateway/datascience-1-0-ml-t3-medium-1a2b");
    }

    @Test
    void shouldParseAndPrintAJupyterTargetKey() {
        AppKey key = AppKey.parse("jupyter/gpu-box.lab");

        assertThat(key.isJupyterTarget()).isTrue();
        assertThat(key.appName()).isEqualTo("gpu-box.lab");
        assertThat(key).hasToString("jupyter/gpu-box.lab").isEqualTo(AppKey.jupyter("gpu-box.lab"));
    }

    @Test
    void shouldAcceptSegmentsOfUpTo128LettersDigitsDotsUnderscoresAndDashes() {
        String longest = "a" + "b.c_d-E9".repeat(15) + "1234567";

        assertThat(longest).hasSize(128);
        assertThat(AppKey.parse("jupyter/" + longest).appName()).isEqualTo(longest);
        assertThat(AppKey.parse("d-1/alice.b_c/KernelGateway/" + longest).owner()).isEqualTo("alice.b_c");
    }

    @Test
    void shouldChainAStudioAppsScopesFromGlobalToItsImage() {
        AppKey key = AppKey.parse("d-abc123/alice/KernelGateway/datascience-1-0-ml-t3-medium-1a2b");

        assertThat(PolicyScope.chainFor(key, "arn:aws:sagemaker:us-east-1:081325390199:image/datascience-1.0"))
                .extracting(PolicyScope::toString)
                .containsExactly("global", "domain/d-abc123", "owner/d-abc123/alice", "app-type/KernelGateway",
                        "image/datascience-1.0", "image/arn:aws:sagemaker:us-east-1:081325390199:image/datascience-1.0");
    }

    @Test
    void shouldChainAJupyterTargetsScopesAndLeaveOutAnImageNoScopeCanName() {
        AppKey key = AppKey.jupyter("gpu-box.lab");

        assertThat(PolicyScope.chainFor(key, "my image with spaces"))
                .extracting(PolicyScope::toString)
                .containsExactly("global", "jupyter/gpu-box.lab", "app-type/" + key.appType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "jupyter/", "jupyter/a/b", "d-1/alice/KernelGateway", "d-1/alice/Bogus/app",
            "d-1//KernelGateway/app", "d-1/al ice/KernelGateway/app", "d-1/alice/KernelGateway/app/extra",
            "jupyter/-starts-with-dash", "jupyter/alice/JupyterServer/default", "jupyter/ålice", "jupyter/a:b",
            "jupyter/a12345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678"})
    void shouldRejectMalformedAppKeysWithAReason(String key) {
        assertThatThrownBy(() -> AppKey.parse(key)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("null pointer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"global", "domain/d-abc123", "owner/d-abc123/alice", "jupyter/gpu-box",
            "app-type/KernelGateway", "image/sagemaker-data-wrangler-1.0"})
    void shouldRoundTripEveryPolicyScope(String scope) {
        assertThat(PolicyScope.parse(scope)).hasToString(scope);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "everything", "domain/", "owner/d-1", "app-type/Nope", "global/x"})
    void shouldRejectMalformedScopes(String scope) {
        assertThatThrownBy(() -> PolicyScope.parse(scope)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectAPolicyWhoseWarningIsNotBeforeItsLimit() {
        assertThatThrownBy(() -> new IdlePolicy(PolicyScope.GLOBAL, Duration.ofMinutes(10), Duration.ofMinutes(10),
                null, null, null, null, null, "admin", Instant.EPOCH))
                .hasMessageContaining("warnBefore must be shorter than idleLimit");
    }

    @Test
    void shouldRejectANonPositiveLimit() {
        assertThatThrownBy(() -> new IdlePolicy(PolicyScope.GLOBAL, Duration.ZERO, null, null, null, null, null,
                null, "admin", Instant.EPOCH)).hasMessageContaining("idleLimit must be positive");
    }

    @Test
    void shouldCutOversizedDeadLetterPayloads() {
        String huge = "x".repeat(DeadLetter.MAX_PAYLOAD_CHARS + 10);

        DeadLetter letter = new DeadLetter("notifier", "t", 0, 1L, null, "TOO_LARGE", "too large", huge, false,
                Instant.EPOCH);

        assertThat(letter.payload()).hasSize(DeadLetter.MAX_PAYLOAD_CHARS);
        assertThat(letter.payloadTruncated()).isTrue();
    }

    @Test
    void shouldListEveryTopicOfTheDesignWithItsCleanupPolicy() {
        assertThat(Topics.all()).extracting(Topic::name).containsExactlyInAnyOrder(
                "sundown.activity.kernel.v1", "sundown.activity.terminal.v1", "sundown.activity.app.v1",
                "sundown.shutdown.command.v1", "sundown.shutdown.result.v1", "sundown.notice.v1",
                "sundown.compliance.v1", "sundown.policy.v1", "sundown.deadletter.v1");
        assertThat(Topics.POLICIES.cleanupPolicy()).isEqualTo("compact");
        assertThat(Topics.KERNEL_ACTIVITY.partitions()).isEqualTo(Topics.TERMINAL_ACTIVITY.partitions())
                .isEqualTo(Topics.APP_ACTIVITY.partitions());
    }
}
