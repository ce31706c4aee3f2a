package dev.sundown.executor.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/** The ids of commands that already have a result, bounded: the oldest are forgotten first. */
public final class ProcessedCommands {

    private final Map<String, Boolean> ids;

    public ProcessedCommands(int maxIds) {
        if (maxIds < 1) {
            throw new IllegalArgumentException("maxIds must be at least 1");
        }
        this.ids = new LinkedHashMap<>(Math.min(maxIds, 1024), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > maxIds;
            }
        };
    }

    public synchronized void add(String commandId) {
        ids.put(commandId, Boolean.TRUE);
    }

    public synchronized boolean contains(String commandId) {
        return ids.containsKey(commandId);
    }

    public synchronized int size() {
        return ids.size();
    }
}
