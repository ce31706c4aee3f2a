package dev.sundown.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher, exercised with a stand-in jar that behaves like the simulator's outside: it binds the host and
 * port Quarkus would, answers {@code /q/health/ready}, and echoes a system property.
 */
class StudioSimulatorTest {

    private static final String STAND_IN = """
            import com.sun.net.httpserver.HttpServer;
            import java.net.InetSocketAddress;
            public class StandIn {
                public static void main(String[] args) throws Exception {
                    String host = System.getProperty("quarkus.http.host");
                    int port = Integer.getInteger("quarkus.http.port");
                    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
                    server.createContext("/q/health/ready", ex -> reply(ex, "{\\"status\\":\\"UP\\"}"));
                    server.createContext("/world", ex -> reply(ex, System.getProperty("simulator.world", "")));
                    server.start();
                    System.out.println("stand-in listening on " + host + ":" + port);
                }
                static void reply(com.sun.net.httpserver.HttpExchange ex, String body) throws java.io.IOException {
                    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    ex.sendResponseHeaders(200, bytes.length);
                    ex.getResponseBody().write(bytes);
                    ex.close();
                }
            }
            """;

    @TempDir
    static Path work;

    private static Path jar;

    @BeforeAll
    static void buildStandIn() throws IOException {
        Path src = Files.writeString(work.resolve("StandIn.java"), STAND_IN);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "-d", work.toString(), src.toString())).isZero();
        jar = work.resolve("quarkus-run.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "StandIn");
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("StandIn.class"));
            out.write(Files.readAllBytes(work.resolve("StandIn.class")));
            out.closeEntry();
        }
    }

    @Test
    void shouldStartOnALoopbackPortWithTheGivenPropertiesAndStopOnClose() throws Exception {
        // given
        StudioSimulator simulator = StudioSimulator.builder()
                .jar(jar)
                .property("simulator.world", "/worlds/two-domains.yaml")
                .start();
        int port = simulator.port();
        try {
            // then it is ready, on 127.0.0.1, with the property
            assertThat(simulator.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(get(simulator.baseUrl() + "/q/health/ready")).contains("UP");
            assertThat(get(simulator.baseUrl() + "/world")).isEqualTo("/worlds/two-domains.yaml");
            assertThat(Files.readString(simulator.log())).contains("stand-in listening on 127.0.0.1:" + port);
        } finally {
            // when
            simulator.close();
        }

        // then
        assertThat(simulator.isRunning()).isFalse();
        assertThat(LoopbackPorts.accepts("127.0.0.1", port)).isFalse();
    }

    @Test
    void shouldHandItsAddressToAQuarkusApplication() throws Exception {
        // given
        StudioSimulatorResource resource = new StudioSimulatorResource();
        resource.init(Map.of(StudioSimulatorResource.JAR_ARG, jar.toString(), "simulator.world", "w.yaml"));

        // when
        Map<String, String> config = resource.start();
        try {
            // then
            String url = config.get(StudioSimulatorResource.URL_PROPERTY);
            assertThat(url).startsWith("http://127.0.0.1:");
            assertThat(get(url + "/world")).isEqualTo("w.yaml");
        } finally {
            resource.stop();
        }
        assertThat(LoopbackPorts.accepts("127.0.0.1", URI.create(config.get(StudioSimulatorResource.URL_PROPERTY))
                .getPort())).isFalse();
    }

    @Test
    void shouldSayHowToBuildTheSimulatorWhenItsJarIsMissing() {
        assertThatThrownBy(() -> StudioSimulator.builder().jar(work.resolve("missing/quarkus-run.jar")).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("build it first: mvn -pl studio-simulator package -DskipTests");
    }

    @Test
    void shouldReportTheLogWhenTheProcessDiesWhileStarting() throws IOException {
        // given a jar without a main class
        Path broken = work.resolve("broken.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(broken), new Manifest())) {
            out.putNextEntry(new JarEntry("empty.txt"));
            out.closeEntry();
        }

        // then
        assertThatThrownBy(() -> StudioSimulator.builder().jar(broken).start())
                .hasMessageContaining("exited with")
                .hasMessageContaining("no main manifest attribute");
    }

    @Test
    void shouldFindTheRepositoryRootFromAModuleDirectory() {
        assertThat(StudioSimulator.repositoryRoot().resolve("studio-simulator").resolve("pom.xml")).isRegularFile();
        assertThat(StudioSimulator.repositoryRoot().resolve(StudioSimulator.JAR_IN_REPO))
                .endsWithRaw(Path.of("studio-simulator", "target", "quarkus-app", "quarkus-run.jar"));
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
