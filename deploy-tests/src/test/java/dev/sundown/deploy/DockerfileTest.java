package dev.sundown.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DockerfileTest {

    static String dockerfile(String module) {
        return Repo.read(Repo.path(module).resolve("src/main/docker/Dockerfile.jvm"));
    }

    @Test
    void shouldRunAsANonRootUser() {
        for (String module : Repo.QUARKUS_MODULES) {
            Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(dockerfile(module));
            String last = null;
            while (user.find()) {
                last = user.group(1);
            }
            assertThat(last).as(module).isNotNull().isNotIn("root", "0", "0:0");
        }
    }

    @Test
    void shouldCheckReadinessOnQuarkusHealth() {
        for (String module : Repo.QUARKUS_MODULES) {
            assertThat(dockerfile(module)).as(module).containsPattern("(?m)^HEALTHCHECK .*")
                    .contains("http://localhost:8080/q/health/ready");
        }
    }

    @Test
    void shouldCopyTheFastJarLayoutAndListenOnTheHealthCheckPort() {
        for (String module : Repo.QUARKUS_MODULES) {
            String text = dockerfile(module);
            for (String layer : List.of("target/quarkus-app/lib/", "target/quarkus-app/*.jar", "target/quarkus-app/app/",
                    "target/quarkus-app/quarkus/")) {
                assertThat(text).as(module).contains("COPY --chown=185 " + layer);
            }
            assertThat(text).as(module).contains("ENV QUARKUS_HTTP_PORT=8080").contains("EXPOSE 8080")
                    .contains("quarkus-run.jar");
        }
    }

    @Test
    void shouldSizeTheJvmFromTheContainerLimit() {
        for (String module : Repo.QUARKUS_MODULES) {
            assertThat(dockerfile(module)).as(module).contains("-XX:MaxRAMPercentage=").contains("-XX:+ExitOnOutOfMemoryError");
        }
    }

    @Test
    void shouldRunTheEvaluatorOnTheParallelCollectorAsTheBenchmarksAndTheLocalStackDo() {
        // the collector the evaluator's throughput figures were measured with (docs/performance.md)
        assertThat(dockerfile("idle-evaluator")).containsPattern("(?m)^ENV JAVA_OPTS_APPEND=\".*-XX:\\+UseParallelGC");
        assertThat(Repo.read(Repo.path("bench").resolve("run"))).contains("EVALUATOR_JVM=\"-XX:+UseParallelGC\"");
        assertThat(Repo.read(Repo.root().resolve("local-stack"))).contains("jvm=(-XX:+UseParallelGC)");
    }
}
