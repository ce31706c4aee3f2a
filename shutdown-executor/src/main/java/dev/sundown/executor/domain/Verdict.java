package dev.sundown.executor.domain;

import dev.sundown.events.Outcome;

/** What re-validation allows: act, or end the command here with an outcome. */
public sealed interface Verdict {

    record Proceed() implements Verdict {
    }

    record Conclude(Outcome outcome, String detail) implements Verdict {
    }

    static Verdict proceed() {
        return new Proceed();
    }

    static Verdict conclude(Outcome outcome, String detail) {
        return new Conclude(outcome, detail);
    }
}
