package dev.sundown.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Order statistics over a small sample (nearest rank). */
record Stats(int count, double min, double median, double p99, double max) {

    static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Stats(n, sorted.get(0), median, rank(sorted, 0.99), sorted.get(n - 1));
    }

    private static double rank(List<Double> sorted, double q) {
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
