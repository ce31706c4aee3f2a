package dev.sundown.simulator.world;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A SageMaker domain with its user profiles and spaces. */
public final class Domain {

    private final String id;
    private final String name;
    private final String status;
    private final Instant createdAt;
    private final Map<String, String> tags;
    private final Settings defaultSettings;
    private final Map<String, Owner> profiles = new LinkedHashMap<>();
    private final Map<String, Owner> spaces = new LinkedHashMap<>();

    public Domain(String id, String name, String status, Instant createdAt, Map<String, String> tags, Settings defaultSettings) {
        this.id = id;
        this.name = name;
        this.status = status;
        this.createdAt = createdAt;
        this.tags = tags;
        this.defaultSettings = defaultSettings;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Map<String, String> tags() {
        return tags;
    }

    public Settings defaultSettings() {
        return defaultSettings;
    }

    public Map<String, Owner> profiles() {
        return profiles;
    }

    public Map<String, Owner> spaces() {
        return spaces;
    }
}
