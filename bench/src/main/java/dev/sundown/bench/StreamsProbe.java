package dev.sundown.bench;

import com.sun.tools.attach.VirtualMachine;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Set;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Reads a running evaluator through the JDK's attach API and JMX (nothing to configure in the service): Kafka
 * Streams' own thread metrics for punctuation ({@code punctuate-latency-avg/max}, {@code punctuate-rate}) and the
 * heap in use after a full GC.
 */
final class StreamsProbe {

    private StreamsProbe() {
    }

    static void run(Args args) throws Exception {
        long pid = args.number("pid", -1);
        String prefix = args.text("prefix", "");
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            Set<ObjectName> threads = server.queryNames(new ObjectName("kafka.streams:type=stream-thread-metrics,*"),
                    null);
            if (threads.isEmpty()) {
                Out.say("no Kafka Streams thread metrics in process %d", pid);
            }
            double avg = 0;
            double max = 0;
            double rate = 0;
            for (ObjectName thread : threads) {
                avg = Math.max(avg, number(server, thread, "punctuate-latency-avg"));
                max = Math.max(max, number(server, thread, "punctuate-latency-max"));
                rate += number(server, thread, "punctuate-rate");
            }
            Out.result(prefix + "punctuate_latency_avg", avg, "ms");
            Out.result(prefix + "punctuate_latency_max", max, "ms");
            Out.result(prefix + "punctuate_rate", rate, "/s");
            MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(server,
                    ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
            memory.gc();
            Out.result(prefix + "heap_used_after_gc", memory.getHeapMemoryUsage().getUsed() / 1048576.0, "MiB");
        }
        Out.result(prefix + "rss", Proc.rssMiB(pid), "MiB");
    }

    private static double number(MBeanServerConnection server, ObjectName name, String attribute) {
        try {
            Object v = server.getAttribute(name, attribute);
            return v instanceof Number n && !Double.isNaN(n.doubleValue()) ? n.doubleValue() : 0;
        } catch (Exception e) {
            return 0;
        }
    }
}
