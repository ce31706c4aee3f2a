package dev.sundown.simulator.world;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated Jupyter server: a static target, or the server behind a profile's or space's Studio front door.
 * Callers hold the {@link WorldStore} lock while they use it.
 */
public final class JupyterServerModel {

    /** A real Jupyter Server that answers instead of the model. */
    public record ProxyTarget(String url, String token) {
    }

    private final String label;
    private final String token;
    private final Instant started;
    private Instant apiActivity;
    private final Map<String, KernelModel> kernels = new LinkedHashMap<>();
    private final Map<String, TerminalModel> terminals = new LinkedHashMap<>();
    private Reachability reachability = Reachability.OK;
    private Duration slowBy = Duration.ZERO;
    private ProxyTarget proxy;
    private int terminalCounter;

    public JupyterServerModel(String label, String token, Instant started) {
        this.label = label;
        this.token = token;
        this.started = started;
        this.apiActivity = started;
    }

    public String label() {
        return label;
    }

    public String token() {
        return token;
    }

    public Instant started() {
        return started;
    }

    public void recordApiActivity(Instant at) {
        if (at.isAfter(apiActivity)) {
            apiActivity = at;
        }
    }

    public Instant lastActivity(Instant now) {
        Instant latest = apiActivity;
        for (KernelModel kernel : kernels.values()) {
            Instant at = kernel.lastActivity(now);
            if (at.isAfter(latest)) {
                latest = at;
            }
        }
        for (TerminalModel terminal : terminals.values()) {
            Instant at = terminal.lastActivity(now);
            if (at.isAfter(latest)) {
                latest = at;
            }
        }
        return latest;
    }

    public Map<String, KernelModel> kernels() {
        return kernels;
    }

    public Map<String, TerminalModel> terminals() {
        return terminals;
    }

    public void addKernel(KernelModel kernel) {
        kernels.put(kernel.id(), kernel);
    }

    public void addTerminal(TerminalModel terminal) {
        terminals.put(terminal.name(), terminal);
    }

    /** The next free terminal name, as Jupyter numbers them ("1", "2", ...). */
    public String nextTerminalName() {
        String name;
        do {
            name = Integer.toString(++terminalCounter);
        } while (terminals.containsKey(name));
        return name;
    }

    /** Removes everything that ran on the given app; returns the removed kernel ids. */
    public List<String> removeApp(String appName) {
        List<String> removed = new ArrayList<>();
        kernels.values().removeIf(kernel -> {
            if (appName.equals(kernel.appName())) {
                removed.add(kernel.id());
                return true;
            }
            return false;
        });
        terminals.values().removeIf(terminal -> appName.equals(terminal.appName()));
        return removed;
    }

    public void clear() {
        kernels.clear();
        terminals.clear();
    }

    public Reachability reachability() {
        return reachability;
    }

    public Duration slowBy() {
        return slowBy;
    }

    public void reachability(Reachability mode, Duration delay) {
        this.reachability = mode;
        this.slowBy = delay == null ? Duration.ZERO : delay;
    }

    public ProxyTarget proxy() {
        return proxy;
    }

    public void proxy(ProxyTarget target) {
        this.proxy = target;
    }

    public long totalConnections() {
        long total = 0;
        for (KernelModel kernel : kernels.values()) {
            total += kernel.connections();
        }
        return total;
    }
}
