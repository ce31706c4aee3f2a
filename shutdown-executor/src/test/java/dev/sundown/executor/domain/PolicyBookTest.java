package dev.sundown.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sundown.events.AppKey;
import dev.sundown.events.AppType;
import dev.sundown.events.IdlePolicy;
import dev.sundown.events.OwnerKind;
import dev.sundown.events.PolicyScope;
import dev.sundown.events.ResourceKind;
import dev.sundown.events.ShutdownCommand;
import dev.sundown.executor.Commands;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PolicyBookTest {

    private static final Instant T = Instant.parse("2026-01-05T10:00:00Z");
    private static final AppKey KG = AppKey.studio("d-1", "alice", AppType.KernelGateway, "kg-1");
    private final ShutdownCommand command = Commands.command(KG, OwnerKind.USER_PROFILE, ResourceKind.APP, "kg-1", T,
            false);
    private final PolicyBook book = new PolicyBook();

    @Test
    void shouldNotExemptWithoutPolicies() {
        assertThat(book.exemptingScope(command)).isEmpty();
    }

    @Test
    void shouldExemptByAnOwnerPolicy() {
        book.put(exempt(PolicyScope.owner("d-1", "alice"), true));

        assertThat(book.exemptingScope(command)).contains(PolicyScope.owner("d-1", "alice"));
    }

    @Test
    void shouldLetAMoreSpecificScopeLiftABroaderExemption() {
        book.put(exempt(PolicyScope.domain("d-1"), true));
        book.put(exempt(PolicyScope.appType(AppType.KernelGateway), false));

        assertThat(book.exemptingScope(command)).isEmpty();
    }

    @Test
    void shouldForgetAScopeOnATombstone() {
        book.put(exempt(PolicyScope.GLOBAL, true));
        book.remove(PolicyScope.GLOBAL);

        assertThat(book.exemptingScope(command)).isEmpty();
    }

    @Test
    void shouldExemptByImageNameOrArnSuffix() {
        book.put(exempt(PolicyScope.image("datascience-1.0"), true));

        ShutdownCommand withImage = Commands.withImage(command,
                "arn:aws:sagemaker:us-east-1:081325390199:image/datascience-1.0");
        assertThat(book.exemptingScope(withImage)).contains(PolicyScope.image("datascience-1.0"));
    }

    @Test
    void shouldExemptAStaticTargetByItsScope() {
        book.put(exempt(PolicyScope.jupyter("lab"), true));

        assertThat(book.exemptingScope(Commands.staticKernel("lab", "k1", T))).isPresent();
        assertThat(book.exemptingScope(Commands.staticKernel("other", "k1", T))).isEmpty();
    }

    @Test
    void shouldLetThePolicyOfTheFullImageArnOverrideItsShortName() {
        String arn = "arn:aws:sagemaker:us-east-1:081325390199:image/datascience-1.0";
        book.put(exempt(PolicyScope.image("datascience-1.0"), true));
        book.put(exempt(PolicyScope.image(arn), false));

        assertThat(book.exemptingScope(Commands.withImage(command, arn))).isEmpty();
    }

    @Test
    void shouldApplyTheAppTypeScopeToAStaticJupyterTarget() {
        book.put(exempt(PolicyScope.appType(AppType.JupyterServer), true));

        assertThat(book.exemptingScope(Commands.staticKernel("lab", "k1", T)))
                .contains(PolicyScope.appType(AppType.JupyterServer));
        assertThat(book.exemptingScope(command)).isEmpty();
    }

    @Test
    void shouldResolveTheScopesOfTheSharedChain() {
        ShutdownCommand withImage = Commands.withImage(command, "arn:aws:sagemaker:us-east-1:1:image/ds-1.0");

        assertThat(PolicyBook.scopesOf(withImage)).containsExactly(PolicyScope.GLOBAL, PolicyScope.domain("d-1"),
                PolicyScope.owner("d-1", "alice"), PolicyScope.appType(AppType.KernelGateway),
                PolicyScope.image("ds-1.0"), PolicyScope.image("arn:aws:sagemaker:us-east-1:1:image/ds-1.0"));
    }

    private static IdlePolicy exempt(PolicyScope scope, boolean exempt) {
        return new IdlePolicy(scope, null, null, exempt, null, null, null, null, "test", T);
    }
}
