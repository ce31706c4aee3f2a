package dev.sundown.simulator.world;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations written in world files and admin requests: {@code 90}, {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}, {@code 500ms} or ISO-8601 {@code PT10M}. */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?");

    private Durations() {
    }

    /** @return the duration, or {@code null} when the text is null or blank */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("pt") || value.startsWith("p")) {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        }
        Matcher matcher = SHORT.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 90s, 10m, 2h, 1d, 500ms or PT10M)");
        }
        double amount = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            case "d" -> amount * 86_400_000;
            default -> throw new IllegalArgumentException("unknown unit in " + text);
        };
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }

    /** Shrinks (or stretches) a scripted duration by the world's time scale. */
    public static Duration scale(Duration duration, double timeScale) {
        if (duration == null) {
            return null;
        }
        return Duration.ofNanos(Math.round(duration.toNanos() / timeScale));
    }
}
