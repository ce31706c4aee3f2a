package dev.sundown.executor.sagemaker;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The tag rule: {@code sundown:exempt=true} on an app or its owner (app tags override owner tags) exempts it. */
public final class TagExemption {

    public static final String EXEMPT_TAG = "sundown:exempt";

    private TagExemption() {
    }

    public static boolean exempt(Map<String, String> ownerTags, Map<String, String> appTags) {
        Map<String, String> merged = new HashMap<>(ownerTags);
        merged.putAll(appTags);
        String value = merged.get(EXEMPT_TAG);
        return value != null && value.trim().toLowerCase(Locale.ROOT).equals("true");
    }
}
