package dev.sundown.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestsParseTest {

    @Test
    void shouldParseEveryJsonAndYamlFileOfTheDeployment() {
        List<Path> files = new ArrayList<>(Repo.files(Repo.path("deploy"), ".json", ".yaml", ".yml"));
        files.add(Repo.path("docker-compose.yml"));

        assertThat(files).hasSizeGreaterThanOrEqualTo(9);
        for (Path file : files) {
            String name = file.getFileName().toString();
            assertThatCode(() -> {
                if (name.endsWith(".json")) {
                    assertThat(Manifests.json(file).isObject()).isTrue();
                } else {
                    assertThat(Manifests.yamlDocuments(file)).isNotEmpty();
                }
            }).as(file.toString()).doesNotThrowAnyException();
        }
    }
}
