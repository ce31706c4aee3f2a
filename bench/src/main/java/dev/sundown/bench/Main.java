package dev.sundown.bench;

import java.util.Arrays;

/**
 * Entry point of the benchmark programs: {@code java -cp ... dev.sundown.bench.Main <program> --name value ...}.
 * Each program prints {@code # } lines for people and {@code RESULT}/{@code INFO} lines for the report.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            System.err.println("programs: produce, raw-consume, drain, probe, detect, report, floor");
            System.exit(2);
        }
        Args args = new Args(argv, 1);
        switch (argv[0]) {
            case "produce" -> Produce.run(args);
            case "raw-consume" -> RawConsume.run(args);
            case "drain" -> Drain.run(args);
            case "probe" -> StreamsProbe.run(args);
            case "detect" -> Detect.run(args);
            case "report" -> Report.run(args);
            case "floor" -> StreamsFloor.run(args);
            default -> throw new IllegalArgumentException("unknown program " + argv[0] + " " + Arrays.toString(argv));
        }
        System.exit(0);
    }
}
