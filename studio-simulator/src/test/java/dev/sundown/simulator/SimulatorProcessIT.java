package dev.sundown.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sundown.simulator.support.Aws;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DomainDetails;

/** The packaged fast-jar started as other modules' tests start it: port, host and world file as system properties. */
class SimulatorProcessIT {

    @Test
    void shouldStartFromThePackagedJarWithAWorldFile(@TempDir Path dir) throws Exception {
        Path world = dir.resolve("world.yaml");
        Files.writeString(world, """
                domains:
                  - id: d-it0000000001
                    userProfiles:
                      - name: tester
                        apps: [{type: JupyterServer, name: default}]
                targets:
                  - {name: lab-01, token: it-token, kernels: [{idleSince: 5m}]}
                """);
        int port = freePort();
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1", "-Dsimulator.world=" + world,
                "-jar", jar.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("simulator.log").toFile()).start();
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newHttpClient();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });

            try (SageMakerClient sageMaker = Aws.sageMaker(base)) {
                assertThat(sageMaker.listDomains(r -> { }).domains()).extracting(DomainDetails::domainId)
                        .containsExactly("d-it0000000001");
            }
            HttpResponse<String> kernels = http.send(HttpRequest.newBuilder(URI.create(base + "/targets/lab-01/api/kernels"))
                    .header("Authorization", "token it-token").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(kernels.statusCode()).isEqualTo(200);
            assertThat(kernels.body()).contains("\"execution_state\":\"idle\"");
        } finally {
            process.destroy();
            process.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
