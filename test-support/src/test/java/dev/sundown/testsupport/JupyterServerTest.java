package dev.sundown.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JupyterServerTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    private static JupyterServer jupyter;

    @BeforeAll
    static void startServer() {
        jupyter = JupyterServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (jupyter != null) {
            jupyter.close();
        }
    }

    @Test
    void shouldLeaveKernelStartingUntilAClientConnectsToItsChannels() {
        // given
        String kernel = jupyter.startKernel();
        assertThat(state(kernel)).isEqualTo("starting");

        // when
        jupyter.connect(kernel);

        // then
        await().atMost(WITHIN).until(() -> state(kernel).equals("idle"));
        assertThat(jupyter.kernels()).extracting(k -> k.path("id").asText()).contains(kernel);
    }

    @Test
    void shouldShowKernelBusyWhileCodeRunsAndMoveItsLastActivity() {
        // given
        String kernel = connectedIdleKernel();
        Instant before = lastActivity(jupyter.kernel(kernel));

        // when
        jupyter.execute(kernel, "import time; time.sleep(1.5)");

        // then
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(50)).until(() -> state(kernel).equals("busy"));
        await().atMost(WITHIN).until(() -> state(kernel).equals("idle"));
        assertThat(lastActivity(jupyter.kernel(kernel))).isAfter(before);
    }

    @Test
    void shouldReturnFromExecuteAndWaitOnlyOnceTheCodeRan() {
        // given
        String kernel = connectedIdleKernel();
        String marker = "ran-" + System.nanoTime();

        // when
        jupyter.executeAndWait(kernel, "open('" + marker + "', 'w').write('x')");

        // then
        assertThat(jupyter.rootDir().resolve(marker)).exists();
        assertThat(state(kernel)).isEqualTo("idle");
    }

    @Test
    void shouldMoveTerminalLastActivityWhenSomeoneTypes() {
        // given
        String terminal = jupyter.startTerminal();
        Instant before = lastActivity(terminalNamed(terminal));

        // when
        jupyter.type(terminal, "echo hello\r");

        // then
        await().atMost(WITHIN).until(() -> lastActivity(terminalNamed(terminal)).isAfter(before));
    }

    @Test
    void shouldStartASessionWhoseKernelIsListed() {
        // when
        String kernel = jupyter.startSession("work/analysis.ipynb");

        // then
        assertThat(jupyter.sessions())
                .anySatisfy(s -> {
                    assertThat(s.path("path").asText()).isEqualTo("work/analysis.ipynb");
                    assertThat(s.path("kernel").path("id").asText()).isEqualTo(kernel);
                });
    }

    @Test
    void shouldNotCountReadsWithNoTrackActivityAsActivity() {
        // given a kernel whose connection handshake no longer moves its activity
        String kernel = jupyter.startSettledKernel();
        String terminal = jupyter.startTerminal();
        Instant serverBefore = lastActivity(jupyter.status());
        Instant kernelBefore = lastActivity(jupyter.kernel(kernel));
        Instant terminalBefore = lastActivity(terminalNamed(terminal));

        // when
        for (int i = 0; i < 3; i++) {
            jupyter.kernels();
            jupyter.kernel(kernel);
            jupyter.terminals();
            jupyter.sessions();
            jupyter.status();
        }

        // then
        assertThat(lastActivity(jupyter.status())).isEqualTo(serverBefore);
        assertThat(lastActivity(jupyter.kernel(kernel))).isEqualTo(kernelBefore);
        assertThat(lastActivity(terminalNamed(terminal))).isEqualTo(terminalBefore);

        // and a read without the flag does count, so the reads above really were tracked-free
        jupyter.request("GET", "/api/kernels", null);
        assertThat(lastActivity(jupyter.status())).isAfter(serverBefore);
    }

    @Test
    void shouldBeUnreachableOnceKilled() {
        // given
        try (JupyterServer doomed = JupyterServer.start()) {
            String kernel = doomed.startKernel();
            doomed.connect(kernel);
            assertThat(doomed.answers()).isTrue();

            // when
            doomed.kill();

            // then
            assertThat(doomed.answers()).isFalse();
            assertThatThrownBy(doomed::kernels).hasMessageContaining("/api/kernels");
            assertThat(LoopbackPorts.accepts("127.0.0.1", java.net.URI.create(doomed.baseUrl()).getPort()))
                    .isFalse();
        }
    }

    private static String connectedIdleKernel() {
        String kernel = jupyter.startKernel();
        jupyter.connect(kernel);
        await().atMost(WITHIN).until(() -> state(kernel).equals("idle"));
        return kernel;
    }

    private static String state(String kernel) {
        return jupyter.kernel(kernel).path("execution_state").asText();
    }

    private static JsonNode terminalNamed(String name) {
        return jupyter.terminals().stream()
                .filter(t -> t.path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no terminal " + name));
    }

    private static Instant lastActivity(JsonNode node) {
        return Instant.parse(node.path("last_activity").asText());
    }
}
