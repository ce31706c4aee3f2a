package dev.sundown.evaluator.streams;

import dev.sundown.evaluator.domain.AppState;
import java.util.LinkedHashMap;
import java.util.Map;

/** The most recently used app states by app key, at most {@code max} of them (least recently used leave first). */
final class RecentStates {

    private final Map<String, AppState> states;

    RecentStates(int max) {
        this.states = new LinkedHashMap<>(Math.min(max, 1024) * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, AppState> eldest) {
                return size() > max;
            }
        };
    }

    AppState get(String appKey) {
        return states.get(appKey);
    }

    void put(String appKey, AppState state) {
        states.put(appKey, state);
    }

    void remove(String appKey) {
        states.remove(appKey);
    }

    void clear() {
        states.clear();
    }
}
