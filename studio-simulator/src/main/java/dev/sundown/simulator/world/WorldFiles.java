package dev.sundown.simulator.world;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads world files (YAML or JSON; JSON is valid YAML) from disk or the classpath. */
public final class WorldFiles {

    /** Strict: a misspelt field fails loudly instead of being ignored. */
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private WorldFiles() {
    }

    public static WorldSpec read(String location) {
        try (InputStream in = open(location)) {
            return YAML.readValue(in, WorldSpec.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read world file " + location + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("no such classpath resource");
            }
            return in;
        }
        return Files.newInputStream(Path.of(location));
    }
}
