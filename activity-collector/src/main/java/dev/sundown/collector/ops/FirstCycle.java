package dev.sundown.collector.ops;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which configured sources still wait for their first attempt (observed or reported unobserved). */
@ApplicationScoped
public class FirstCycle {

    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean started;

    /** Names the sources that must complete a first attempt. */
    public void expect(Set<String> sources) {
        pending.addAll(sources);
        started = true;
    }

    public void done(String source) {
        pending.remove(source);
    }

    public boolean done() {
        return started && pending.isEmpty();
    }

    public int pending() {
        return pending.size();
    }
}
