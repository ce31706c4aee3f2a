package dev.sundown.simulator.world;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** A Studio app and its lifecycle; its status is derived from timestamps, so nothing has to tick. */
public final class App {

    private final String domainId;
    private final String userProfileName;
    private final String spaceName;
    private final String type;
    private final String name;
    private final String instanceType;
    private final String imageArn;
    private final String lifecycleConfigArn;
    private final Instant createdAt;
    private final Instant inServiceAt;
    private final boolean failed;
    private final Instant lastUserActivity;
    private final Map<String, String> tags;
    private Instant deleteRequestedAt;
    private Instant deletedAt;

    public App(String domainId, String userProfileName, String spaceName, String type, String name, String instanceType,
            String imageArn, String lifecycleConfigArn, Instant createdAt, Instant inServiceAt, boolean failed,
            Instant lastUserActivity, Map<String, String> tags) {
        this.domainId = domainId;
        this.userProfileName = userProfileName;
        this.spaceName = spaceName;
        this.type = type;
        this.name = name;
        this.instanceType = instanceType;
        this.imageArn = imageArn;
        this.lifecycleConfigArn = lifecycleConfigArn;
        this.createdAt = createdAt;
        this.inServiceAt = inServiceAt;
        this.failed = failed;
        this.lastUserActivity = lastUserActivity;
        this.tags = tags;
    }

    public String domainId() {
        return domainId;
    }

    public String userProfileName() {
        return userProfileName;
    }

    public String spaceName() {
        return spaceName;
    }

    public String type() {
        return type;
    }

    public String name() {
        return name;
    }

    public String instanceType() {
        return instanceType;
    }

    public String imageArn() {
        return imageArn;
    }

    /** The image's short name, e.g. {@code datascience-1.0}. */
    public String imageName() {
        if (imageArn == null) {
            return null;
        }
        int slash = imageArn.lastIndexOf('/');
        return slash < 0 ? imageArn : imageArn.substring(slash + 1);
    }

    public String lifecycleConfigArn() {
        return lifecycleConfigArn;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastUserActivity() {
        return lastUserActivity;
    }

    public Map<String, String> tags() {
        return tags;
    }

    public Instant deletedAt() {
        return deletedAt;
    }

    public boolean belongsTo(Owner owner) {
        return owner.domainId().equals(domainId) && owner.matches(userProfileName, spaceName);
    }

    public boolean is(String domain, String profile, String space, String appType, String appName) {
        return domainId.equals(domain) && java.util.Objects.equals(userProfileName, profile)
                && java.util.Objects.equals(spaceName, space) && type.equals(appType) && name.equals(appName);
    }

    public String status(Instant now) {
        if (deletedAt != null && !now.isBefore(deletedAt)) {
            return "Deleted";
        }
        if (deleteRequestedAt != null) {
            return "Deleting";
        }
        if (failed) {
            return "Failed";
        }
        return now.isBefore(inServiceAt) ? "Pending" : "InService";
    }

    public boolean isGone(Instant now) {
        return "Deleted".equals(status(now));
    }

    /** Deleted apps stay listed for {@code retention} after they reached Deleted. */
    public boolean isVisible(Instant now, Duration retention) {
        return deletedAt == null || now.isBefore(deletedAt.plus(retention));
    }

    public void requestDelete(Instant now, Duration deleteDelay) {
        deleteRequestedAt = now;
        deletedAt = now.plus(deleteDelay);
    }
}
