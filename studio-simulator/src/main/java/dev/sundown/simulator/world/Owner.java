package dev.sundown.simulator.world;

import java.time.Instant;
import java.util.Map;

/** A user profile or a space: something that owns apps and a Jupyter server behind the Studio front door. */
public final class Owner {

    public enum Kind { USER_PROFILE, SPACE }

    private final Kind kind;
    private final String domainId;
    private final String name;
    private final String status;
    private final Instant createdAt;
    private final Map<String, String> tags;
    private final Settings settings;
    private final String ownerProfile;
    private final String sharing;
    private final JupyterServerModel server;

    public Owner(Kind kind, String domainId, String name, String status, Instant createdAt, Map<String, String> tags,
            Settings settings, String ownerProfile, String sharing, JupyterServerModel server) {
        this.kind = kind;
        this.domainId = domainId;
        this.name = name;
        this.status = status;
        this.createdAt = createdAt;
        this.tags = tags;
        this.settings = settings;
        this.ownerProfile = ownerProfile;
        this.sharing = sharing;
        this.server = server;
    }

    public Kind kind() {
        return kind;
    }

    public String domainId() {
        return domainId;
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

    public Settings settings() {
        return settings;
    }

    public String ownerProfile() {
        return ownerProfile;
    }

    public String sharing() {
        return sharing;
    }

    public JupyterServerModel server() {
        return server;
    }

    /** The app type that serves this owner's Jupyter front door. */
    public String serverAppType() {
        return kind == Kind.USER_PROFILE ? "JupyterServer" : "JupyterLab";
    }

    public boolean matches(String userProfileName, String spaceName) {
        return kind == Kind.USER_PROFILE ? name.equals(userProfileName) && spaceName == null
                : name.equals(spaceName) && userProfileName == null;
    }
}
