package dev.sundown.collector.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sundown.testsupport.KafkaBroker;
import dev.sundown.testsupport.StudioSimulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerAsyncClient;

/**
 * The studio-simulator with the 30-profile world of {@code worlds/studio-it.yaml}, read by the collector with the
 * real AWS SDK. Also gives tests the simulator's admin API (call log, session expiry, faults) and its SageMaker API.
 * Apps are deleted at once ({@code delete-delay} 0) and stay listed as Deleted for the whole run.
 */
public class StudioWorld implements QuarkusTestResourceLifecycleManager {

    public static final String DOMAIN = "d-collectorit1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static StudioSimulator simulator;
    private static SageMakerAsyncClient sagemaker;

    @Override
    public Map<String, String> start() {
        KafkaBroker broker = SharedBroker.start();
        simulator = StudioSimulator.builder()
                .world(Path.of("src/test/resources/worlds/studio-it.yaml").toAbsolutePath())
                .property("simulator.records.limit", "1000000")
                // Deleting ends at once, so no cycle sees it; Deleted apps stay listed for the whole run.
                .property("simulator.sagemaker.delete-delay", "0s")
                .property("simulator.sagemaker.deleted-retention", "30m")
                .start();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        config.put("mp.messaging.connector.smallrye-kafka.bootstrap.servers", broker.bootstrapServers());
        config.put("sundown.collector.studio.enabled", "true");
        config.put("sundown.collector.studio.endpoint-override", simulator.baseUrl());
        config.put("sundown.collector.studio.region", "us-east-1");
        config.put("sundown.collector.studio.access-key-id", "AKIDSUNDOWNTEST");
        config.put("sundown.collector.studio.secret-access-key", "sundown-test-secret");
        config.put("sundown.collector.studio.cycle-interval", "PT2S");
        // 30 profiles at once against a simulator that has just started: a 2 s request can time out on a slow machine
        config.put("sundown.collector.request-timeout", "PT5S");
        config.put("sundown.collector.studio.max-attempts", "4");
        config.put("sundown.collector.studio.retry-base-delay", "PT0.05S");
        config.put("sundown.collector.studio.retry-max-delay", "PT0.2S");
        config.put("sundown.collector.compliance.enabled", "false");
        config.put("sundown.collector.compliance.staleness-window", "PT1M");
        return config;
    }

    @Override
    public void stop() {
        if (sagemaker != null) {
            sagemaker.close();
            sagemaker = null;
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    /** The simulator's SageMaker API through the real SDK, as an administrator of the account would use it. */
    static synchronized SageMakerAsyncClient sagemaker() {
        if (sagemaker == null) {
            sagemaker = SageMakerAsyncClient.builder()
                    .endpointOverride(URI.create(simulator.baseUrl()))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("AKIDSUNDOWNADMIN", "sundown-admin-secret")))
                    .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                    .build();
        }
        return sagemaker;
    }

    /** The simulator's call log, filtered by service and operation. */
    static List<JsonNode> calls(String service, String operation) {
        JsonNode node = admin("GET", "/_sim/calls?service=" + service + "&operation=" + operation, null);
        List<JsonNode> out = new ArrayList<>();
        node.forEach(out::add);
        return out;
    }

    static JsonNode admin(String method, String path, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
