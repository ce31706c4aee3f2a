package dev.sundown.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LocalStackScriptTest {

    private static final Path SCRIPT = Repo.path("local-stack");
    private static final Map<String, String> PREFIXES = Map.of("sundown.collector", "activity-collector",
            "sundown.evaluator", "idle-evaluator", "sundown.executor", "shutdown-executor", "sundown.notifier",
            "notifier", "simulator", "studio-simulator");

    @Test
    void shouldBeAnExecutableBashScript() {
        assertThat(Files.isExecutable(SCRIPT)).isTrue();
        assertThat(Repo.read(SCRIPT)).startsWith("#!/usr/bin/env bash");
        assumeTrue(Tools.onPath("bash").isPresent(), "bash is not installed");

        Tools.Run run = Tools.run(Repo.root(), 30, "bash", "-n", SCRIPT.toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    @Test
    void shouldPassOnlyRealSettingsToTheServices() {
        String script = Repo.read(SCRIPT);
        Matcher setting = Pattern.compile("-D((?:sundown\\.\\w+|simulator)\\.[a-z0-9.${}\\-]+)=").matcher(script);
        List<String> problems = new ArrayList<>();
        int checked = 0;
        while (setting.find()) {
            String key = setting.group(1).replace("${name}", "demo").replace("$1", "sundown.collector");
            String prefix = PREFIXES.keySet().stream().filter(key::startsWith).findFirst().orElseThrow();
            checked++;
            if (!Environment.settings(PREFIXES.get(prefix)).hasProperty(key)) {
                problems.add(key + " is not a setting of " + PREFIXES.get(prefix));
            }
        }

        assertThat(checked).isGreaterThan(15);
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldStopWhatItStartedByPidAndKeepItsStateOutOfGit() {
        String script = Repo.read(SCRIPT);

        assertThat(script).contains("trap ").contains("kill -TERM \"$pid\"").doesNotContain("pkill").doesNotContain("killall");
        assertThat(Repo.read(Repo.path(".gitignore"))).contains("/.local-stack/");
    }
}
