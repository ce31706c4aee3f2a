package dev.sundown.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationsDocTest {

    private final String doc = Repo.read(Repo.path("docs/operations.md")).replaceAll("\"<[a-z]+>\"", "*");

    @Test
    void shouldDocumentEveryMappedSettingOfEveryService() {
        List<String> missing = new ArrayList<>();
        for (String module : Repo.QUARKUS_MODULES) {
            for (String key : ServiceSettings.fromSources(module,
                    Repo.mainSources(module).stream().map(Repo::read).toList(), "").properties()) {
                if (!doc.contains("`" + key + "`")) {
                    missing.add(key);
                }
            }
        }

        assertThat(missing).isEmpty();
    }

    @Test
    void shouldCoverDeploymentSizingTopicsAndTheRunbook() {
        assertThat(doc).contains("## 6. Deploying on Amazon ECS", "## 7. Sizing", "## 8. Topics and upgrading them",
                "**A target is unreachable.**", "**SageMaker throttles.**", "**Slack is down.**",
                "**The evaluator restarts.**", "**Pause all shutdowns at once.**");
    }
}
