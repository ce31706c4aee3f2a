package dev.sundown.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Free ports and port probes on the loopback interface. */
final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /** A port that was free a moment ago on 127.0.0.1. */
    static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void awaitOpen(String host, int port, Duration atMost) {
        await(host + ":" + port + " accepting connections")
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> accepts(host, port));
    }
}
