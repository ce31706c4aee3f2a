package dev.sundown.simulator.world;

import java.time.Instant;

/** A kernel as a Jupyter server reports it; {@code appName} names the KernelGateway app it runs on (Studio only). */
public final class KernelModel {

    /** The notebook session that holds the kernel, if any. */
    public record SessionInfo(String id, String path, String name, String type) {
    }

    private final String id;
    private final String name;
    private final String appName;
    private final SessionInfo session;
    private final Activity activity;
    private volatile int connections;
    private volatile String forcedState;

    public KernelModel(String id, String name, String appName, SessionInfo session, int connections, Activity activity) {
        this.id = id;
        this.name = name;
        this.appName = appName;
        this.session = session;
        this.connections = connections;
        this.activity = activity;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String appName() {
        return appName;
    }

    public SessionInfo session() {
        return session;
    }

    public int connections() {
        return connections;
    }

    public void connections(int value) {
        connections = value;
    }

    public Activity activity() {
        return activity;
    }

    /** Overrides the computed state (e.g. {@code starting}, {@code dead}); null returns to the script. */
    public void forceState(String state) {
        forcedState = state;
    }

    public String executionState(Instant now) {
        String forced = forcedState;
        if (forced != null) {
            return forced;
        }
        return activity.isBusy(now) ? "busy" : "idle";
    }

    public Instant lastActivity(Instant now) {
        return activity.lastActivity(now);
    }
}
