package dev.sundown.simulator.world;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The simulated world: domains, profiles, spaces, apps, static Jupyter targets and SNS topics. */
public final class World {

    private final String accountId;
    private final String region;
    private final double timeScale;
    private final Instant start;
    private final Map<String, Domain> domains = new LinkedHashMap<>();
    private final List<App> apps = new ArrayList<>();
    private final Map<String, JupyterServerModel> targets = new LinkedHashMap<>();
    private final Set<String> snsTopics = new LinkedHashSet<>();

    public World(String accountId, String region, double timeScale, Instant start) {
        this.accountId = accountId;
        this.region = region;
        this.timeScale = timeScale;
        this.start = start;
    }

    public String accountId() {
        return accountId;
    }

    public String region() {
        return region;
    }

    public double timeScale() {
        return timeScale;
    }

    public Instant start() {
        return start;
    }

    public Map<String, Domain> domains() {
        return domains;
    }

    public Domain domain(String id) {
        return id == null ? null : domains.get(id);
    }

    public List<App> apps() {
        return apps;
    }

    public Map<String, JupyterServerModel> targets() {
        return targets;
    }

    public Set<String> snsTopics() {
        return snsTopics;
    }

    /** The profile (space == null) or space (profile == null) of a domain, or null. */
    public Owner owner(String domainId, String userProfileName, String spaceName) {
        Domain domain = domain(domainId);
        if (domain == null) {
            return null;
        }
        if (spaceName != null) {
            return domain.spaces().get(spaceName);
        }
        return userProfileName == null ? null : domain.profiles().get(userProfileName);
    }

    public List<App> appsOf(Owner owner) {
        List<App> result = new ArrayList<>();
        for (App app : apps) {
            if (app.belongsTo(owner)) {
                result.add(app);
            }
        }
        return result;
    }

    /** The live app with that identity, else the most recent deleted one, else null. */
    public App findApp(String domainId, String profile, String space, String type, String name, Instant now) {
        App latest = null;
        for (App app : apps) {
            if (app.is(domainId, profile, space, type, name)) {
                if (!app.isGone(now)) {
                    return app;
                }
                latest = app;
            }
        }
        return latest;
    }

    /** The owner's InService JupyterServer (profile) or JupyterLab (space) app, or null when there is none. */
    public App inServiceServerApp(Owner owner, Instant now) {
        for (App app : apps) {
            if (app.belongsTo(owner) && app.type().equals(owner.serverAppType()) && "InService".equals(app.status(now))) {
                return app;
            }
        }
        return null;
    }

    /** Starts deleting an app; what ran on it disappears from the owner's Jupyter server at once. */
    public void deleteApp(Owner owner, App app, Instant now, java.time.Duration deleteDelay) {
        app.requestDelete(now, deleteDelay);
        if (app.type().equals("KernelGateway")) {
            owner.server().removeApp(app.name());
        } else if (app.type().equals("JupyterLab")) {
            owner.server().clear();
        }
    }

    public String arnPrefix() {
        return "arn:aws:sagemaker:" + region + ":" + accountId + ":";
    }

    public String domainArn(Domain domain) {
        return arnPrefix() + "domain/" + domain.id();
    }

    public String ownerArn(Owner owner) {
        return arnPrefix() + (owner.kind() == Owner.Kind.USER_PROFILE ? "user-profile/" : "space/")
                + owner.domainId() + "/" + owner.name();
    }

    public String appArn(App app) {
        String owner = app.userProfileName() != null ? app.userProfileName() : app.spaceName();
        return arnPrefix() + "app/" + app.domainId() + "/" + owner + "/" + app.type().toLowerCase(java.util.Locale.ROOT)
                + "/" + app.name();
    }
}
