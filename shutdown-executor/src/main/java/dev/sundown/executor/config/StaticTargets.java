package dev.sundown.executor.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;

/**
 * The static Jupyter servers, {@code sundown.executor.jupyter.targets.<name>.url} and {@code .token}; the name is
 * the app name of the app key {@code jupyter/<name>}.
 * <p>
 * {@link ExecutorConfig.Jupyter#targets()} maps them as flat strings ({@code <name>.url} to its value) and this
 * class groups them by name in one pass: mapping a map of groups instead costs time quadratic in the number of
 * properties. Each value is then read by its full name, so an environment variable
 * ({@code SUNDOWN_EXECUTOR_JUPYTER_TARGETS_LAB_TOKEN}) overrides a properties file as usual; a name containing
 * {@code -} or {@code _} must also appear in a properties file to be matched by its environment variables.
 */
public final class StaticTargets {

    public static final String PREFIX = "sundown.executor.jupyter.targets.";

    /**
     * One static target.
     *
     * @param url   base URL of the server, e.g. {@code http://127.0.0.1:8888}
     * @param token the server's token, sent as {@code Authorization: token <token>}
     */
    public record Target(URI url, String token) {

        @Override
        public String toString() {
            return "Target[url=" + url + "]";
        }
    }

    private StaticTargets() {
    }

    /**
     * Every configured target by name, in name order.
     *
     * @param keys   the keys under {@link #PREFIX}, e.g. {@code lab.url}, {@code lab.token}
     * @param config the configuration the values are read from
     * @throws IllegalStateException naming the setting when a target has no {@code url} or {@code token}, or its
     *                               URL is not one
     */
    public static Map<String, Target> read(Collection<String> keys, Config config) {
        Map<String, Boolean> names = new TreeMap<>(); // name -> has a url key
        for (String key : keys) {
            String name = nameOf(key);
            if (name != null) {
                names.merge(name, key.endsWith(".url"), Boolean::logicalOr);
            }
        }
        Set<String> withUrl = new HashSet<>();
        names.forEach((name, hasUrl) -> {
            if (hasUrl) {
                withUrl.add(envForm(name));
            }
        });
        Map<String, Target> targets = new TreeMap<>();
        names.forEach((name, hasUrl) -> {
            if (!hasUrl && withUrl.contains(envForm(name))) {
                return; // an environment variable of a target named in a properties file, e.g. HUB_ALICE_TOKEN
            }
            String base = PREFIX + (name.indexOf('.') >= 0 ? "\"" + name + "\"" : name);
            targets.put(name, new Target(uri(base + ".url", required(config, base + ".url")),
                    required(config, base + ".token")));
        });
        return targets;
    }

    /** The target name of {@code <name>.url} or {@code <name>.token}; null for anything else. */
    static String nameOf(String key) {
        int leaf = key.endsWith(".url") ? 4 : key.endsWith(".token") ? 6 : -1;
        if (leaf < 0 || key.length() == leaf) {
            return null;
        }
        String name = key.substring(0, key.length() - leaf);
        if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.isEmpty() ? null : name;
    }

    private static String required(Config config, String setting) {
        return config.getOptionalValue(setting, String.class).filter(v -> !v.isBlank())
                .orElseThrow(() -> new IllegalStateException("the config property " + setting
                        + " is required (every static target needs a url and a token)"));
    }

    private static String envForm(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            b.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return b.toString();
    }

    private static URI uri(String setting, String value) {
        try {
            return new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(setting + " is not a URL (" + e.getReason() + ")");
        }
    }
}
