package dev.sundown.collector.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a secret given inline or as a file; the error names the setting, never the value. */
public final class Secrets {

    private Secrets() {
    }

    public static Optional<String> read(String setting, Optional<String> inline, Optional<Path> file) {
        if (inline.isPresent() && !inline.get().isBlank()) {
            return inline.map(String::trim);
        }
        if (file.isPresent()) {
            try {
                String value = Files.readString(file.get(), StandardCharsets.UTF_8).trim();
                if (value.isEmpty()) {
                    throw new IllegalStateException(setting + ": the token file is empty");
                }
                return Optional.of(value);
            } catch (IOException e) {
                throw new IllegalStateException(setting + ": cannot read the token file (" + e.getClass().getSimpleName()
                        + ")");
            }
        }
        return Optional.empty();
    }
}
