package dev.sundown.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads the repository's JSON and YAML files (YAML anchors and merge keys resolved, as Compose does). */
final class Manifests {

    static final ObjectMapper JSON = new ObjectMapper();

    private Manifests() {
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    /** The YAML document as a Jackson tree. */
    static JsonNode yaml(Path file) {
        Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(Repo.read(file));
        return JSON.valueToTree(loaded);
    }

    @SuppressWarnings("unchecked")
    static List<Object> yamlDocuments(Path file) {
        Iterable<Object> docs = new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Repo.read(file));
        List<Object> out = new java.util.ArrayList<>();
        docs.forEach(out::add);
        return out;
    }

    static Map<String, String> textFields(JsonNode object) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
