package dev.sundown.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The settings one service really has, read from its sources: the {@code @ConfigMapping} interfaces (method names
 * in kebab-case, {@code @WithName}, nested groups, maps with {@code *} as the key segment) and the keys of its
 * {@code application.properties}. It answers whether a property or an environment variable names one of them,
 * using Quarkus' environment mapping (upper case, every character that is not a letter or a digit becomes
 * {@code _}).
 */
final class ServiceSettings {

    private static final Pattern CONFIG_MAPPING = Pattern.compile(
            "@ConfigMapping\\s*\\(([^)]*)\\)[^{;]*?\\binterface\\s+(\\w+)");
    private static final Pattern PREFIX = Pattern.compile("prefix\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)[^{]*\\{");
    private static final Pattern MEMBER = Pattern.compile(
            "((?:@[\\w.]+(?:\\s*\\([^)]*\\))?\\s*)*)([\\w.]+(?:\\s*<[\\w.<>,?\\s\\[\\]]*>)?(?:\\[\\])?)\\s+(\\w+)\\s*\\(\\s*\\)\\s*;");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\s*\\(\\s*\"([^\"]*)\"\\s*\\)");
    private static final Set<String> LEAF_TYPES = Set.of("String", "int", "long", "double", "boolean", "Integer",
            "Long", "Double", "Boolean", "Duration", "URI", "URL", "Path", "OptionalInt", "OptionalLong",
            "OptionalDouble", "Instant", "BigDecimal", "Pattern", "Locale", "ZoneId", "Charset", "Class");

    private final String module;
    private final Set<String> properties;

    private ServiceSettings(String module, Set<String> properties) {
        this.module = module;
        this.properties = properties;
    }

    /** Settings of a module of this repository. */
    static ServiceSettings of(String module) {
        Path dir = Repo.path(module);
        Map<String, String> sources = new HashMap<>();
        for (Path file : Repo.mainSources(module)) {
            sources.put(file.toString(), Repo.read(file));
        }
        Path properties = dir.resolve("src/main/resources/application.properties");
        String props = Files.exists(properties) ? Repo.read(properties) : "";
        return fromSources(module, sources.values(), props);
    }

    /** Settings described by Java sources and the text of an application.properties file. */
    static ServiceSettings fromSources(String module, Iterable<String> javaSources, String applicationProperties) {
        Map<String, String> interfaceBodies = new HashMap<>();
        Map<String, String> roots = new HashMap<>();
        for (String raw : javaSources) {
            String source = stripComments(raw);
            collectInterfaces(source, interfaceBodies);
            Matcher mapping = CONFIG_MAPPING.matcher(source);
            while (mapping.find()) {
                Matcher prefix = PREFIX.matcher(mapping.group(1));
                roots.put(mapping.group(2), prefix.find() ? prefix.group(1) : "");
            }
        }
        Set<String> keys = new TreeSet<>();
        roots.forEach((name, prefix) -> expand(prefix, name, interfaceBodies, keys, new LinkedHashSet<>()));
        keys.addAll(propertyKeys(applicationProperties));
        return new ServiceSettings(module, keys);
    }

    String module() {
        return module;
    }

    /** Every known key; {@code *} stands for a map key. */
    Set<String> properties() {
        return properties;
    }

    /** Whether a property name is one of this service's settings (map keys may be anything). */
    boolean hasProperty(String key) {
        String wanted = key.toLowerCase(Locale.ROOT);
        return properties.stream().anyMatch(p -> propertyRegex(p).matcher(wanted).matches());
    }

    /** Whether an environment variable maps onto one of this service's settings. */
    boolean hasEnvironmentVariable(String name) {
        return properties.stream().anyMatch(p -> envRegex(p).matcher(name).matches());
    }

    static String toEnvironmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Pattern propertyRegex(String pattern) {
        String[] parts = pattern.toLowerCase(Locale.ROOT).split("\\*", -1);
        String regex = java.util.Arrays.stream(parts).map(Pattern::quote)
                .collect(Collectors.joining("(?:[^.\"]+|\"[^\"]+\")"));
        return Pattern.compile(regex + "(?:\\[\\d+\\])?");
    }

    private static Pattern envRegex(String pattern) {
        String[] parts = pattern.split("\\*", -1);
        String regex = java.util.Arrays.stream(parts).map(p -> Pattern.quote(toEnvironmentName(p)))
                .collect(Collectors.joining("[A-Z0-9_]+"));
        return Pattern.compile(regex + "(?:_\\d+_)?");
    }

    private static Set<String> propertyKeys(String applicationProperties) {
        Set<String> keys = new TreeSet<>();
        for (String line : applicationProperties.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
                continue;
            }
            int end = indexOfSeparator(trimmed);
            String key = (end < 0 ? trimmed : trimmed.substring(0, end)).strip();
            if (key.startsWith("%")) {
                int dot = key.indexOf('.');
                key = dot < 0 ? key : key.substring(dot + 1);
            }
            keys.add(key);
        }
        return keys;
    }

    private static int indexOfSeparator(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '=' || c == ':') {
                return i;
            }
        }
        return -1;
    }

    private static String stripComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '"') {
                int end = i + 1;
                while (end < source.length() && source.charAt(end) != '"') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                out.append(source, i, Math.min(end + 1, source.length()));
                i = end + 1;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
                out.append(' ');
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Records each interface's own body (nested interfaces cut out) under its simple name. */
    private static void collectInterfaces(String source, Map<String, String> bodies) {
        Matcher m = INTERFACE.matcher(source);
        while (m.find()) {
            int open = m.end() - 1;
            int close = matchingBrace(source, open);
            String body = source.substring(open + 1, close);
            bodies.put(m.group(1), withoutNestedBlocks(body));
        }
    }

    private static String withoutNestedBlocks(String body) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '{') {
                depth++;
                out.append('#');
            } else if (c == '}') {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int matchingBrace(String source, int open) {
        int depth = 0;
        for (int i = open; i < source.length(); i++) {
            if (source.charAt(i) == '{') {
                depth++;
            } else if (source.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        return source.length();
    }

    private static void expand(String prefix, String iface, Map<String, String> bodies, Set<String> keys,
            Set<String> path) {
        String body = bodies.get(iface);
        if (body == null || !path.add(iface)) {
            return;
        }
        Matcher member = MEMBER.matcher(body);
        while (member.find()) {
            String annotations = member.group(1);
            String type = member.group(2).replaceAll("\\s+", "");
            String method = member.group(3);
            if (type.equals("void") || type.equals("return") || type.equals("default") || annotations.contains("@WithParentName")) {
                if (annotations.contains("@WithParentName")) {
                    expandType(prefix, unwrap(type), bodies, keys, path);
                }
                continue;
            }
            Matcher withName = WITH_NAME.matcher(annotations);
            String name = withName.find() ? withName.group(1) : kebab(method);
            String key = prefix.isEmpty() ? name : prefix + "." + name;
            expandType(key, unwrap(type), bodies, keys, path);
        }
        path.remove(iface);
    }

    private static void expandType(String key, String type, Map<String, String> bodies, Set<String> keys,
            Set<String> path) {
        if (type.startsWith("Map<")) {
            String value = unwrap(typeArguments(type).get(1));
            expandType(key + ".*", value, bodies, keys, path);
        } else if (type.startsWith("List<") || type.startsWith("Set<")) {
            String element = unwrap(typeArguments(type).get(0));
            if (bodies.containsKey(simpleName(element))) {
                expand(key + "[*]", simpleName(element), bodies, keys, path);
            } else {
                keys.add(key);
            }
        } else if (bodies.containsKey(simpleName(type)) && !LEAF_TYPES.contains(simpleName(type))) {
            expand(key, simpleName(type), bodies, keys, path);
        } else {
            keys.add(key);
        }
    }

    private static String unwrap(String type) {
        String t = type;
        while (t.startsWith("Optional<")) {
            t = t.substring("Optional<".length(), t.length() - 1);
        }
        return t;
    }

    private static String simpleName(String type) {
        String t = type.contains("<") ? type.substring(0, type.indexOf('<')) : type;
        return t.substring(t.lastIndexOf('.') + 1);
    }

    private static List<String> typeArguments(String type) {
        String inner = type.substring(type.indexOf('<') + 1, type.lastIndexOf('>'));
        List<String> args = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (c == ',' && depth == 0) {
                args.add(inner.substring(start, i));
                start = i + 1;
            }
        }
        args.add(inner.substring(start));
        return args;
    }

    @Override
    public String toString() {
        return module + properties;
    }
}
