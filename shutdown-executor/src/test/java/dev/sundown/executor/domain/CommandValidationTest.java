package dev.sundown.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sundown.events.AppKey;
import dev.sundown.events.AppType;
import dev.sundown.events.OwnerKind;
import dev.sundown.events.ResourceKind;
import dev.sundown.events.ShutdownCommand;
import dev.sundown.executor.Commands;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandValidationTest {

    private static final Instant T = Instant.parse("2026-01-05T10:00:00Z");
    private static final AppKey KG = AppKey.studio("d-1", "alice", AppType.KernelGateway, "kg-1");

    @Test
    void shouldAcceptAValidStaticKernelCommand() {
        ShutdownCommand command = Commands.staticKernel("lab", "k1", T);

        assertThat(CommandValidation.check("jupyter/lab", command, Set.of("lab"))).isEmpty();
    }

    @Test
    void shouldRejectARecordKeyThatDoesNotMatchThePayload() {
        ShutdownCommand command = Commands.staticKernel("lab", "k1", T);

        assertThat(CommandValidation.check("jupyter/other", command, Set.of("lab")))
                .hasValueSatisfying(r -> assertThat(r.problem()).isEqualTo("KEY_MISMATCH"));
        assertThat(CommandValidation.check(null, command, Set.of("lab")))
                .hasValueSatisfying(r -> assertThat(r.problem()).isEqualTo("KEY_MISMATCH"));
    }

    @Test
    void shouldRejectATargetThatIsNotConfigured() {
        ShutdownCommand command = Commands.staticKernel("lab", "k1", T);

        assertThat(CommandValidation.check("jupyter/lab", command, Set.of("other")))
                .hasValueSatisfying(r -> assertThat(r.problem()).isEqualTo("UNKNOWN_TARGET"));
    }

    @Test
    void shouldRejectAnOwnerKindThatDoesNotFitTheKey() {
        ShutdownCommand command = Commands.command(KG, OwnerKind.JUPYTER_TARGET, ResourceKind.APP, "kg-1", T, false);

        assertThat(CommandValidation.check(KG.toString(), command, Set.of()))
                .hasValueSatisfying(r -> assertThat(r.problem()).isEqualTo("INVALID_COMMAND"));
    }

    @Test
    void shouldRejectAnAppResourceThatIsNotTheKeysApp() {
        ShutdownCommand command = Commands.command(KG, OwnerKind.USER_PROFILE, ResourceKind.APP, "kg-2", T, false);

        assertThat(CommandValidation.check(KG.toString(), command, Set.of()))
                .hasValueSatisfying(r -> assertThat(r.reason()).contains("kg-2"));
    }

    @Test
    void shouldRejectAppTypesThatAreNotShutDown() {
        AppKey canvas = AppKey.studio("d-1", "alice", AppType.Canvas, "default");
        ShutdownCommand command = Commands.command(canvas, OwnerKind.USER_PROFILE, ResourceKind.APP, "default", T,
                false);

        assertThat(CommandValidation.check(canvas.toString(), command, Set.of()))
                .hasValueSatisfying(r -> assertThat(r.problem()).isEqualTo("UNSUPPORTED_APP_TYPE"));
    }

    @Test
    void shouldAcceptDeletableAppsAndTreatJupyterServerAsProtected() {
        for (AppType type : Set.of(AppType.KernelGateway, AppType.JupyterLab, AppType.CodeEditor)) {
            AppKey key = AppKey.studio("d-1", "s-1", type, "app");
            ShutdownCommand command = Commands.command(key, OwnerKind.SPACE, ResourceKind.APP, "app", T, false);
            assertThat(CommandValidation.check(key.toString(), command, Set.of())).isEmpty();
            assertThat(CommandValidation.isProtectedApp(command)).isFalse();
        }
        AppKey server = AppKey.studio("d-1", "alice", AppType.JupyterServer, "default");
        ShutdownCommand command = Commands.command(server, OwnerKind.USER_PROFILE, ResourceKind.APP, "default", T,
                false);
        assertThat(CommandValidation.check(server.toString(), command, Set.of())).isEmpty();
        assertThat(CommandValidation.isProtectedApp(command)).isTrue();
    }
}
