package dev.sundown.events;

import java.util.List;
import java.util.Map;

/** Checks used by the records' compact constructors, so a missing field is named, never an NPE later. */
final class Require {
    private Require() {
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing required field '" + field + "'");
        }
        return value;
    }

    static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing required field '" + field + "'");
        }
        return value;
    }

    static <T> List<T> listOrEmpty(List<T> value) {
        return value == null ? List.of() : List.copyOf(value);
    }

    static <K, V> Map<K, V> mapOrEmpty(Map<K, V> value) {
        return value == null ? Map.of() : Map.copyOf(value);
    }
}
