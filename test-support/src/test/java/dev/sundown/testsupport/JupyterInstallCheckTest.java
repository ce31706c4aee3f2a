package dev.sundown.testsupport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class JupyterInstallCheckTest {

    private static final String HINT =
            "apt-get install --no-install-recommends jupyter-server python3-ipykernel python3-terminado";

    @Test
    void shouldSkipWithTheInstallCommandWhenJupyterIsMissing() {
        assertThatThrownBy(() -> JupyterServer.assumeInstalled("/usr/bin/jupyter-server is missing", false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("/usr/bin/jupyter-server is missing")
                .hasMessageContaining(HINT);
    }

    @Test
    void shouldFailInsteadOfSkippingOnCi() {
        assertThatThrownBy(() -> JupyterServer.assumeInstalled("python3-ipykernel or python3-terminado is missing",
                true))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining(HINT)
                .hasMessageContaining("CI=true");
    }

    @Test
    void shouldLetTheTestRunWhenEverythingIsInstalled() {
        assertThatCode(() -> JupyterServer.assumeInstalled(null, true)).doesNotThrowAnyException();
    }
}
