package dev.sundown.collector.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;

/**
 * The self-managed Jupyter servers, {@code sundown.collector.jupyter.targets.<name>.url}, {@code .token} and
 * {@code .token-file}; the name becomes the app key {@code jupyter/<name>}.
 * <p>
 * {@link CollectorConfig.Jupyter#targets()} maps them as flat strings ({@code <name>.url} to its value) and this
 * class groups them by name: mapping a map of groups instead costs time quadratic in the number of properties,
 * which made a start-up with thousands of targets take minutes. Each value is then read from the configuration
 * by its full name, so an environment variable ({@code SUNDOWN_COLLECTOR_JUPYTER_TARGETS_LAB_TOKEN}) overrides a
 * properties file as usual; a name containing {@code -} or {@code _} must also appear in a properties file to be
 * matched by its environment variables.
 */
public final class StaticTargets {

    public static final String PREFIX = "sundown.collector.jupyter.targets.";
    private static final List<String> LEAVES = List.of(".url", ".token-file", ".token.file", ".token");

    /**
     * One static target.
     *
     * @param url       base URL of the server, e.g. {@code http://10.0.0.5:8888} (with its base path, if any)
     * @param token     the server's API token; prefer {@code token-file} or an environment variable
     * @param tokenFile a file holding the token (a mounted secret); read at start-up
     */
    public record Target(String name, URI url, Optional<String> token, Optional<Path> tokenFile) {
    }

    private StaticTargets() {
    }

    /**
     * Every configured target by name, in name order.
     *
     * @param keys   the keys under {@link #PREFIX}, e.g. {@code lab.url}, {@code lab.token}
     * @param config the configuration the values are read from
     * @throws IllegalStateException naming the setting when a target has no valid {@code url}
     */
    public static Map<String, Target> read(Collection<String> keys, Config config) {
        Map<String, Boolean> names = new TreeMap<>();
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
        for (Map.Entry<String, Boolean> e : names.entrySet()) {
            String name = e.getKey();
            if (!e.getValue() && withUrl.contains(envForm(name))) {
                continue; // an environment variable of a target named in a properties file, e.g. HUB_ALICE_TOKEN
            }
            String base = PREFIX + (name.indexOf('.') >= 0 ? "\"" + name + "\"" : name);
            String url = config.getOptionalValue(base + ".url", String.class).filter(v -> !v.isBlank())
                    .orElseThrow(() -> new IllegalStateException(
                            "the config property " + base + ".url is required (every static target needs a URL)"));
            targets.put(name, new Target(name, uri(base + ".url", url),
                    config.getOptionalValue(base + ".token", String.class),
                    config.getOptionalValue(base + ".token-file", String.class).filter(v -> !v.isBlank())
                            .map(Path::of)));
        }
        return targets;
    }

    /** The target name of {@code <name>.url|token|token-file}; null for anything else. */
    static String nameOf(String key) {
        for (String leaf : LEAVES) {
            if (key.endsWith(leaf) && key.length() > leaf.length()) {
                String name = key.substring(0, key.length() - leaf.length());
                if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1);
                }
                return name.isEmpty() ? null : name;
            }
        }
        return null;
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
