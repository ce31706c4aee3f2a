package dev.sundown.evaluator.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sundown.evaluator.support.EvaluatorDriver;
import dev.sundown.events.AppKey;
import dev.sundown.events.AppType;
import dev.sundown.events.IdlePolicy;
import dev.sundown.events.PolicyScope;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyResolverTest {

    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
    private static final AppKey WRANGLER = AppKey.studio("d-1", "alice", AppType.KernelGateway, "dw-app");
    private static final String WRANGLER_IMAGE = "arn:aws:sagemaker:us-east-1:081325390199:image/sagemaker-data-wrangler-1.0";
    private final PolicyResolver resolver = new PolicyResolver(EvaluatorDriver.DEFAULTS);
    private final Map<PolicyScope, IdlePolicy> stored = new HashMap<>();

    private void store(PolicyScope scope, Duration limit, Duration warn, Boolean exempt, Boolean dryRun) {
        stored.put(scope, new IdlePolicy(scope, limit, warn, exempt, null, null, null, dryRun, "t", T0));
    }

    private EffectivePolicy resolve(AppKey key, String image, Map<String, String> tags) {
        return resolver.resolve(key, image, tags, stored::get);
    }

    @Test
    void shouldUseConfiguredDefaultsWhenNothingIsStored() {
        EffectivePolicy p = resolve(WRANGLER, null, Map.of());
        assertThat(p.idleLimit()).isEqualTo(Duration.ofMinutes(120));
        assertThat(p.warnBefore()).isEqualTo(Duration.ofMinutes(15));
        assertThat(p.exempt()).isFalse();
        assertThat(p.scopes()).containsExactly("config");
    }

    @Test
    void shouldOverrideFieldByFieldFromGlobalToImage() {
        // given a global limit, a domain dry-run, an owner warning and an image limit
        store(PolicyScope.GLOBAL, Duration.ofMinutes(90), null, null, null);
        store(PolicyScope.domain("d-1"), null, null, null, true);
        store(PolicyScope.owner("d-1", "alice"), null, Duration.ofMinutes(5), null, null);
        store(PolicyScope.image("sagemaker-data-wrangler-1.0"), Duration.ofMinutes(45), null, null, null);

        // when resolved for a Data Wrangler app of alice
        EffectivePolicy p = resolve(WRANGLER, WRANGLER_IMAGE, Map.of());

        // then each field comes from the most specific scope that sets it
        assertThat(p.idleLimit()).isEqualTo(Duration.ofMinutes(45));
        assertThat(p.warnBefore()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.dryRun()).isTrue();
        assertThat(p.scopes()).containsExactly("config", "global", "domain/d-1", "owner/d-1/alice",
                "image/sagemaker-data-wrangler-1.0");
    }

    @Test
    void shouldLetMoreSpecificScopeLiftExemption() {
        store(PolicyScope.domain("d-1"), null, null, true, null);
        assertThat(resolve(WRANGLER, null, Map.of()).exemptBy()).isEqualTo("policy domain/d-1");
        store(PolicyScope.owner("d-1", "alice"), null, null, false, null);
        assertThat(resolve(WRANGLER, null, Map.of()).exempt()).isFalse();
    }

    @Test
    void shouldApplyTagsOverEveryScope() {
        store(PolicyScope.appType(AppType.KernelGateway), Duration.ofMinutes(300), null, false, null);
        EffectivePolicy p = resolve(WRANGLER, null, Map.of("sundown:idle-limit-minutes", "20",
                "sundown:exempt", "TRUE"));
        assertThat(p.idleLimit()).isEqualTo(Duration.ofMinutes(20));
        assertThat(p.exempt()).isTrue();
        assertThat(p.exemptBy()).isEqualTo("tag sundown:exempt");
        // a 15 min warning fits in a 20 min limit: kept
        assertThat(p.warnBefore()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void shouldWarnHalfWayWhenLayersCombineIntoWarningLongerThanLimit() {
        store(PolicyScope.owner("d-1", "alice"), Duration.ofMinutes(10), null, null, null);
        assertThat(resolve(WRANGLER, null, Map.of()).warnBefore()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldIgnoreUnreadableLimitTag() {
        assertThat(resolve(WRANGLER, null, Map.of("sundown:idle-limit-minutes", "soon")).idleLimit())
                .isEqualTo(Duration.ofMinutes(120));
    }

    @Test
    void shouldResolveJupyterTargetScope() {
        store(PolicyScope.jupyter("lab-vm"), Duration.ofMinutes(30), null, null, null);
        EffectivePolicy p = resolve(AppKey.jupyter("lab-vm"), null, Map.of());
        assertThat(p.idleLimit()).isEqualTo(Duration.ofMinutes(30));
        assertThat(p.scopes()).containsExactly("config", "jupyter/lab-vm");
    }
}
