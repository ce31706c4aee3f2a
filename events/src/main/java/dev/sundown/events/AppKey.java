package dev.sundown.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * The Kafka key of every activity, command, result and notice record: one app with all its kernels and
 * terminals. Two shapes:
 * <ul>
 *   <li>{@code <domain>/<profile-or-space>/<appType>/<appName>} for a SageMaker Studio app;</li>
 *   <li>{@code jupyter/<target>} for a self-managed Jupyter server configured as a static or push target.</li>
 * </ul>
 * Segments are restricted to characters SageMaker allows in ids and names, so a key never contains a
 * separator inside a segment and parsing is unambiguous.
 */
public record AppKey(String domainId, String owner, AppType appType, String appName) {

    public static final String JUPYTER_PREFIX = "jupyter";

    public AppKey {
        Objects.requireNonNull(appType, "appType");
        if (domainId == null) {
            if (owner != null || appType != AppType.JupyterServer) {
                throw new IllegalArgumentException("a jupyter target key has only a target name");
            }
        } else {
            requireSegment("domain id", domainId);
            requireSegment("profile or space", owner);
            if (JUPYTER_PREFIX.equals(domainId)) {
                throw new IllegalArgumentException("domain id must not be 'jupyter'");
            }
        }
        requireSegment(domainId == null ? "target name" : "app name", appName);
    }

    /** The key of a self-managed Jupyter server (a static or push target). */
    public static AppKey jupyter(String targetName) {
        return new AppKey(null, null, AppType.JupyterServer, targetName);
    }

    /** The key of a SageMaker Studio app owned by a user profile or a space. */
    public static AppKey studio(String domainId, String profileOrSpace, AppType appType, String appName) {
        return new AppKey(domainId, profileOrSpace, appType, appName);
    }

    @JsonCreator
    public static AppKey parse(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("app key is empty");
        }
        String[] parts = key.split("/", -1);
        if (parts.length == 2 && JUPYTER_PREFIX.equals(parts[0])) {
            return jupyter(parts[1]);
        }
        if (parts.length != 4) {
            throw new IllegalArgumentException("app key '" + key
                    + "' is neither <domain>/<profile-or-space>/<appType>/<appName> nor jupyter/<target>");
        }
        return studio(parts[0], parts[1], AppType.parse(parts[2]), parts[3]);
    }

    public boolean isJupyterTarget() {
        return domainId == null;
    }

    @JsonValue
    @Override
    public String toString() {
        return isJupyterTarget()
                ? JUPYTER_PREFIX + "/" + appName
                : domainId + "/" + owner + "/" + appType.name() + "/" + appName;
    }

    private static void requireSegment(String what, String value) {
        if (!isSegment(value)) {
            throw new IllegalArgumentException(what + " '" + value
                    + "' must be 1-128 characters of letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    /** {@code [A-Za-z0-9][A-Za-z0-9._-]{0,127}}, checked by hand: keys are validated on every record read. */
    private static boolean isSegment(String value) {
        int n = value == null ? 0 : value.length();
        if (n == 0 || n > 128) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
                return false;
            }
        }
        return true;
    }
}
