package dev.sundown.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository under test: its root, its service modules and their files. */
final class Repo {

    /** The four services and the simulator, each a Quarkus application with its own image. */
    static final List<String> QUARKUS_MODULES = List.of("activity-collector", "idle-evaluator", "shutdown-executor",
            "notifier", "studio-simulator");

    /** The four services deployed on ECS (the simulator is a local and compose stand-in only). */
    static final List<String> SERVICES = List.of("activity-collector", "idle-evaluator", "shutdown-executor",
            "notifier");

    private Repo() {
    }

    static Path root() {
        String configured = System.getProperty("sundown.root");
        Path root = configured != null ? Path.of(configured) : Path.of("..");
        return root.toAbsolutePath().normalize();
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> files(Path dir, String... suffixes) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        for (String suffix : suffixes) {
                            if (name.endsWith(suffix)) {
                                return true;
                            }
                        }
                        return false;
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> mainSources(String module) {
        return files(path(module).resolve("src/main/java"), ".java");
    }
}
