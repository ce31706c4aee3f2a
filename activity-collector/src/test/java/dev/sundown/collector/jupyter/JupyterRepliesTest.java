package dev.sundown.collector.jupyter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sundown.events.ExecutionState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JupyterRepliesTest {

    @Test
    void shouldReadKernelsAsJupyterServerWritesThem() {
        String body = """
                [{"id":"k1","name":"python3","last_activity":"2026-01-02T03:04:05.123456Z",
                  "execution_state":"busy","connections":2},
                 {"id":"k2","name":"ir","last_activity":"2026-01-02T03:04:05+01:00","execution_state":"weird"}]
                """;

        List<JupyterKernel> kernels = JupyterReplies.kernels(body);

        assertThat(kernels).containsExactly(
                new JupyterKernel("k1", "python3", ExecutionState.BUSY, 2,
                        Instant.parse("2026-01-02T03:04:05.123456Z"), null),
                new JupyterKernel("k2", "ir", ExecutionState.UNKNOWN, 0,
                        Instant.parse("2026-01-02T02:04:05Z"), null));
    }

    @Test
    void shouldReadStudioKernelAppName() {
        String body = "[{\"id\":\"k1\",\"name\":\"python3\",\"last_activity\":\"2026-01-02T03:04:05.000000Z\","
                + "\"execution_state\":\"idle\",\"connections\":0,\"app_name\":\"datascience-ml-t3-medium-1\"}]";

        assertThat(JupyterReplies.kernels(body).get(0).appName()).isEqualTo("datascience-ml-t3-medium-1");
    }

    @Test
    void shouldReadSessionsWithNotebookPathAndKernel() {
        String body = """
                [{"id":"s1","path":"work/a.ipynb","name":"a.ipynb","type":"notebook",
                  "kernel":{"id":"k1","name":"python3","last_activity":"2026-01-02T03:04:05.000000Z",
                            "execution_state":"idle","connections":1},
                  "notebook":{"path":"work/a.ipynb","name":"a.ipynb"}}]
                """;

        assertThat(JupyterReplies.sessions(body))
                .containsExactly(new JupyterSession("s1", "work/a.ipynb", "notebook", "k1"));
    }

    @Test
    void shouldReadTerminalsAndStatus() {
        assertThat(JupyterReplies.terminals("[{\"name\":\"1\",\"last_activity\":\"2026-01-02T03:04:05.000000Z\"}]"))
                .containsExactly(new JupyterTerminal("1", Instant.parse("2026-01-02T03:04:05Z"), null));
        JupyterStatus status = JupyterReplies.status("{\"connections\":1,\"kernels\":2,"
                + "\"last_activity\":\"2026-01-02T03:04:05.000000Z\",\"started\":\"2026-01-01T00:00:00.000000Z\"}");
        assertThat(status).isEqualTo(new JupyterStatus(Instant.parse("2026-01-02T03:04:05Z"),
                Instant.parse("2026-01-01T00:00:00Z"), 2, 1));
    }

    @Test
    void shouldRejectAnHtmlLoginPageWithAClearReason() {
        assertThatThrownBy(() -> JupyterReplies.kernels("<!DOCTYPE html><html>login</html>"))
                .isInstanceOf(UnexpectedReplyException.class)
                .hasMessage("/api/kernels: HTML instead of JSON (a login or proxy page?)");
    }

    @Test
    void shouldRejectWhatIsNotJson() {
        assertThatThrownBy(() -> JupyterReplies.terminals("{\"name\": oops"))
                .isInstanceOf(UnexpectedReplyException.class)
                .hasMessageStartingWith("/api/terminals: not JSON");
        assertThatThrownBy(() -> JupyterReplies.sessions(""))
                .hasMessage("/api/sessions: empty reply");
    }

    @Test
    void shouldRejectJsonOfTheWrongShape() {
        assertThatThrownBy(() -> JupyterReplies.kernels("{\"kernels\":[]}"))
                .hasMessage("/api/kernels: expected a JSON array, got object");
        assertThatThrownBy(() -> JupyterReplies.kernels("[{\"id\":\"k1\",\"execution_state\":\"idle\"}]"))
                .hasMessage("/api/kernels[0]: missing 'last_activity'");
        assertThatThrownBy(() -> JupyterReplies.kernels(
                "[{\"id\":\"k1\",\"execution_state\":\"idle\",\"last_activity\":\"yesterday\"}]"))
                .hasMessage("/api/kernels[0]: 'last_activity' is not an ISO-8601 time");
        assertThatThrownBy(() -> JupyterReplies.kernels(
                "[{\"id\":\"k1\",\"execution_state\":\"idle\",\"connections\":\"many\","
                        + "\"last_activity\":\"2026-01-02T03:04:05Z\"}]"))
                .hasMessage("/api/kernels[0]: 'connections' is not a non-negative integer");
        assertThatThrownBy(() -> JupyterReplies.status("[]"))
                .hasMessage("/api/status: expected a JSON object, got array");
        assertThatThrownBy(() -> JupyterReplies.terminals("[42]"))
                .hasMessage("/api/terminals[0]: expected an object, got number");
    }

    @Test
    void shouldReadAPushedSnapshotAndNameTheMissingPart() {
        String ok = "{\"kernels\":[],\"sessions\":[],\"terminals\":[],"
                + "\"status\":{\"last_activity\":\"2026-01-02T03:04:05Z\"}}";
        assertThat(JupyterReplies.snapshot(ok).kernels()).isEmpty();

        assertThatThrownBy(() -> JupyterReplies.snapshot("{\"kernels\":[],\"sessions\":[],\"status\":{}}"))
                .hasMessage("snapshot: missing 'terminals'");
        assertThatThrownBy(() -> JupyterReplies.snapshot("{\"kernels\":{},\"sessions\":[],\"terminals\":[],"
                + "\"status\":{\"last_activity\":\"2026-01-02T03:04:05Z\"}}"))
                .hasMessage("snapshot.kernels: expected a JSON array, got object");
    }

    @Test
    void shouldReadStudioAppsWithKernelsGivenEitherWay() {
        String body = """
                [{"app_name":"kg-1","app_type":"KernelGateway","instance_type":"ml.g4dn.xlarge",
                  "status":"InService","kernels":["k1",{"id":"k2"}]},
                 {"app_name":"default","app_type":"JupyterServer"}]
                """;

        List<StudioApp> apps = JupyterReplies.studioApps(body);

        assertThat(apps.get(0).kernelIds()).containsExactly("k1", "k2");
        assertThat(apps.get(0).instanceType()).isEqualTo("ml.g4dn.xlarge");
        assertThat(apps.get(1).kernelIds()).isEmpty();
    }
}
