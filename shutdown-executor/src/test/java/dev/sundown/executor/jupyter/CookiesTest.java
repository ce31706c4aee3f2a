package dev.sundown.executor.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CookiesTest {

    @Test
    void shouldKeepCookiesAndDropExpiredOnes() {
        Map<String, String> jar = new LinkedHashMap<>();

        StudioJupyterAccess.keepCookie("studio-session=abc; Path=/; HttpOnly", jar);
        StudioJupyterAccess.keepCookie("_xsrf=\"2|x|y|1\"; Path=/", jar);
        StudioJupyterAccess.keepCookie("old=1; Max-Age=0", jar);

        assertThat(jar).containsExactly(Map.entry("studio-session", "abc"), Map.entry("_xsrf", "2|x|y|1"));
    }
}
