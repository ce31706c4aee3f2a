package dev.sundown.collector.it;

import dev.sundown.testsupport.KafkaBroker;

/** The JVM's shared broker with every Sundown topic, started with the system class loader as context loader. */
final class SharedBroker {

    private SharedBroker() {
    }

    static synchronized KafkaBroker start() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Kafka instantiates some server classes reflectively through the context class loader; under a Quarkus
        // test that is the application's loader, which holds a second copy of Kafka's classes.
        thread.setContextClassLoader(ClassLoader.getSystemClassLoader());
        KafkaBroker broker;
        try {
            broker = KafkaBroker.shared();
        } finally {
            thread.setContextClassLoader(previous);
        }
        // The admin client, in turn, must load its plugins from the loader that holds this copy of Kafka.
        thread.setContextClassLoader(KafkaBroker.class.getClassLoader());
        try {
            broker.createSundownTopics();
        } finally {
            thread.setContextClassLoader(previous);
        }
        return broker;
    }
}
