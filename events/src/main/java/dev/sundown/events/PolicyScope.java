package dev.sundown.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a policy applies, from the least to the most specific level. The string form is the key of the
 * compacted policy topic:
 * {@code global}, {@code domain/<domainId>}, {@code owner/<domainId>/<profile-or-space>},
 * {@code app-type/<AppType>}, {@code image/<image name or ARN suffix>}, {@code jupyter/<target>}.
 */
public record PolicyScope(Level level, String value) {

    /** Levels in the order they are applied; a later level overrides an earlier one field by field. */
    public enum Level {
        GLOBAL("global"), DOMAIN("domain"), OWNER("owner"), JUPYTER_TARGET("jupyter"), APP_TYPE("app-type"),
        IMAGE("image");

        private final String prefix;

        Level(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    public static final PolicyScope GLOBAL = new PolicyScope(Level.GLOBAL, null);
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,255}");

    public PolicyScope {
        Require.present(level, "scope.level");
        if (level == Level.GLOBAL) {
            if (value != null) {
                throw new IllegalArgumentException("the global scope takes no value");
            }
        } else if (value == null || !VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("scope value '" + value + "' is not valid for " + level.prefix);
        } else if (level == Level.OWNER && value.split("/", -1).length != 2) {
            throw new IllegalArgumentException("owner scope must be owner/<domainId>/<profile-or-space>");
        } else if (level == Level.APP_TYPE) {
            AppType.parse(value);
        }
    }

    public static PolicyScope domain(String domainId) {
        return new PolicyScope(Level.DOMAIN, domainId);
    }

    public static PolicyScope owner(String domainId, String profileOrSpace) {
        return new PolicyScope(Level.OWNER, domainId + "/" + profileOrSpace);
    }

    public static PolicyScope appType(AppType type) {
        return new PolicyScope(Level.APP_TYPE, type.name());
    }

    public static PolicyScope image(String image) {
        return new PolicyScope(Level.IMAGE, image);
    }

    public static PolicyScope jupyter(String target) {
        return new PolicyScope(Level.JUPYTER_TARGET, target);
    }

    /**
     * The scopes that apply to an app, least specific first: global; the Jupyter target, or the domain and the
     * owner; the app type; then, when the app runs an image, the image's short name (after the last {@code /} of an
     * ARN) and the image as given. Image names no scope can name are left out.
     */
    public static List<PolicyScope> chainFor(AppKey key, String image) {
        List<PolicyScope> scopes = new ArrayList<>(6);
        scopes.add(GLOBAL);
        if (key.isJupyterTarget()) {
            scopes.add(jupyter(key.appName()));
        } else {
            scopes.add(domain(key.domainId()));
            scopes.add(owner(key.domainId(), key.owner()));
        }
        scopes.add(appType(key.appType()));
        if (image != null && !image.isBlank()) {
            int slash = image.lastIndexOf('/');
            if (slash >= 0 && slash < image.length() - 1) {
                addIfNameable(image.substring(slash + 1), scopes);
            }
            addIfNameable(image, scopes);
        }
        return scopes;
    }

    private static void addIfNameable(String image, List<PolicyScope> scopes) {
        if (VALUE.matcher(image).matches()) {
            scopes.add(image(image));
        }
    }

    @JsonCreator
    public static PolicyScope parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("policy scope is empty");
        }
        if (Level.GLOBAL.prefix.equals(text)) {
            return GLOBAL;
        }
        int slash = text.indexOf('/');
        if (slash > 0) {
            String prefix = text.substring(0, slash);
            for (Level level : Level.values()) {
                if (level != Level.GLOBAL && level.prefix.equals(prefix)) {
                    return new PolicyScope(level, text.substring(slash + 1));
                }
            }
        }
        throw new IllegalArgumentException("policy scope '" + text
                + "' must be global, domain/<id>, owner/<domain>/<name>, jupyter/<target>, app-type/<type> or image/<image>");
    }

    @JsonValue
    @Override
    public String toString() {
        return level == Level.GLOBAL ? level.prefix : level.prefix + "/" + value;
    }
}
