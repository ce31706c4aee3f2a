package dev.sundown.evaluator.domain;

import java.util.Map;

/** USD per hour by SageMaker instance type, for the estimated saving of a shutdown. */
public record PriceTable(Map<String, Double> hourlyUsd) {

    public static final Map<String, Double> DEFAULTS = Map.of(
            "ml.t3.medium", 0.05,
            "ml.m5.4xlarge", 0.922,
            "ml.g4dn.xlarge", 0.736,
            "ml.m5.large", 0.115,
            "ml.c5.xlarge", 0.204);

    public PriceTable {
        hourlyUsd = Map.copyOf(hourlyUsd);
    }

    /** 0 when the instance type is unknown or not in the table. */
    public double hourly(String instanceType) {
        return instanceType == null ? 0 : hourlyUsd.getOrDefault(instanceType, 0.0);
    }
}
