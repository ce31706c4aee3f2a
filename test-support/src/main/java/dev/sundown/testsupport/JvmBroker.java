package dev.sundown.testsupport;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Holds the one broker of the JVM.
 *
 * <p>Quarkus runs each test application (one per test profile or set of test resources) in class loaders of its
 * own, and may load this module again in each. A static field alone would then start a broker per application
 * and tie it to a class loader that Quarkus closes when the application stops. So the broker always lives in
 * the system class loader's copy of this class, and other copies reach it by reflection.
 */
final class JvmBroker {

    private static BrokerBackend backend;

    private JvmBroker() {
    }

    /** The JVM's broker, started on first use, as seen from the calling class loader. */
    static BrokerBackend locate() {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        if (JvmBroker.class.getClassLoader() != system) {
            Class<?> home;
            try {
                home = Class.forName(JvmBroker.class.getName(), true, system);
            } catch (ClassNotFoundException | LinkageError e) {
                home = JvmBroker.class;
            }
            if (home != JvmBroker.class) {
                return new Remote(home);
            }
        }
        return local();
    }

    private static synchronized BrokerBackend local() {
        if (backend == null) {
            BrokerBackend started = withOwnClassLoader(BrokerBackend::start);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.stop();
                } catch (RuntimeException e) {
                    // The JVM is going away anyway; a broker that does not stop cleanly must not fail the run.
                    System.err.println("embedded Kafka broker did not stop cleanly: " + e);
                }
            }, "sundown-kafka-broker-stop"));
            backend = started;
        }
        return backend;
    }

    /**
     * Kafka instantiates plugins through the thread's context class loader, and the broker's threads inherit it
     * from the thread that starts them. Under Quarkus that is the test application's loader, whose copies of
     * Kafka's classes do not fit this loader's: so the broker is started (and restarted) with its own.
     */
    private static <T> T withOwnClassLoader(java.util.function.Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(JvmBroker.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    // Entry points for copies of this class in other class loaders: only JDK types cross the boundary.

    static String bootstrapServers() {
        return local().bootstrapServers();
    }

    static String kind() {
        return local().kind();
    }

    static void restart() {
        BrokerBackend running = local();
        withOwnClassLoader(() -> {
            running.restart();
            return null;
        });
    }

    /** The system class loader's broker, called through the static entry points above. */
    private static final class Remote implements BrokerBackend {
        private final Class<?> home;

        Remote(Class<?> home) {
            this.home = home;
            call("bootstrapServers");
        }

        @Override
        public String bootstrapServers() {
            return (String) call("bootstrapServers");
        }

        @Override
        public String kind() {
            return (String) call("kind");
        }

        @Override
        public void restart() {
            call("restart");
        }

        @Override
        public void stop() {
            // Stopped by the shutdown hook of the class loader that started it.
        }

        private Object call(String name) {
            try {
                Method method = home.getDeclaredMethod(name);
                method.setAccessible(true);
                return method.invoke(null);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot reach the JVM's Kafka broker", e);
            }
        }
    }
}
