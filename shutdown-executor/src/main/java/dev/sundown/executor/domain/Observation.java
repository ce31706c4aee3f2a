package dev.sundown.executor.domain;

import java.time.Instant;
import java.util.List;

/** What a fresh read of the resource found just before acting. */
public sealed interface Observation {

    /** A kernel as the Jupyter API reports it ({@code execution_state}, {@code last_activity}). */
    record Kernel(String executionState, Instant lastActivity) implements Observation {
    }

    /** A terminal as the Jupyter API reports it; {@code lastActivity} is null when the server does not say. */
    record Terminal(Instant lastActivity) implements Observation {
    }

    /**
     * A SageMaker app as DescribeApp reports it, with what could be learned about the kernels and terminals that run
     * on it.
     *
     * @param lastUserActivity DescribeApp's {@code LastUserActivityTimestamp} (bumped by health checks too), or null
     */
    record App(String status, Instant lastUserActivity, Children children) implements Observation {

        /** An app whose kernels and terminals were not read (it is not InService). */
        public App(String status) {
            this(status, null, new Children.NotRead());
        }
    }

    /** What is known about the kernels and terminals of an app about to be deleted. */
    sealed interface Children {

        /** Read through the owner's Jupyter front door: the kernels and terminals that run on the app. */
        record Read(List<Child> children) implements Children {
            public Read {
                children = List.copyOf(children);
            }
        }

        /**
         * The JupyterServer app that reaches the app's kernels is not InService ({@code serverStatus}, e.g.
         * {@code Deleted}): nothing can be read, and nothing can use the app's kernels through it.
         */
        record ServerStopped(String serverStatus) implements Children {
        }

        /** The app type runs no Jupyter server (CodeEditor): SageMaker's signals are all there is. */
        record NoJupyter() implements Children {
        }

        /** Not read, because the app is not InService. */
        record NotRead() implements Children {
        }
    }

    /**
     * One kernel or terminal running on an app.
     *
     * @param kind           {@code kernel} or {@code terminal}
     * @param executionState the kernel's {@code execution_state}; null for terminals
     * @param lastActivity   {@code last_activity}, null when the server does not say
     */
    record Child(String kind, String id, String executionState, Instant lastActivity) {

        public static Child kernel(String id, String executionState, Instant lastActivity) {
            return new Child("kernel", id, executionState, lastActivity);
        }

        public static Child terminal(String name, Instant lastActivity) {
            return new Child("terminal", name, null, lastActivity);
        }

        public boolean isKernel() {
            return "kernel".equals(kind);
        }
    }

    /** The resource does not exist any more. */
    record Gone(String detail) implements Observation {
    }

    /** A tag now exempts the resource, e.g. {@code sundown:exempt=true} on its user profile. */
    record ExemptByTag(String where) implements Observation {
    }
}
