package dev.sundown.bench;

import java.util.Locale;

/**
 * What a benchmark prints: free text for people, and {@code RESULT <metric> <value> <unit>} lines (tab separated)
 * that bench/run collects into the results file the report is written from.
 */
final class Out {

    private Out() {
    }

    static void say(String format, Object... args) {
        System.out.println("# " + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    static void result(String metric, double value, String unit) {
        System.out.println("RESULT\t" + metric + "\t" + String.format(Locale.ROOT, "%.6f", value) + "\t" + unit);
        System.out.flush();
    }

    /** A fact about the run (a setting, a command) shown in the report next to the figures. */
    static void info(String key, String value) {
        System.out.println("INFO\t" + key + "\t" + value.replace('\t', ' ').replace('\n', ' '));
        System.out.flush();
    }
}
