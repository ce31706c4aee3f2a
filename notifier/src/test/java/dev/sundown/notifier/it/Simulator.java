package dev.sundown.notifier.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sundown.testsupport.StudioSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged studio-simulator ({@link StudioSimulator}) as a process, one per test JVM (so a second test profile, i.e. a restarted
 * notifier, sees what the first one sent), with its admin API.
 */
public final class Simulator {

    private static Simulator shared;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** System property holding the running simulator's URL: each test application has its own class loader. */
    private static final String URL_PROPERTY = "notifier-it.simulator-url";

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Simulator(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static Simulator shared() {
        synchronized (System.class) {
            if (shared == null) {
                String url = System.getProperty(URL_PROPERTY);
                if (url == null) {
                    // SNS messages up to 256 KB arrive as one form field, beyond Quarkus's default form limit
                    StudioSimulator.Builder builder = StudioSimulator.builder()
                            .property("quarkus.http.limits.max-form-attribute-size", "2M");
                    String jar = System.getProperty("sundown.simulator.jar");
                    if (jar != null) {
                        builder.jar(Path.of(jar));
                    }
                    // stopped by its own shutdown hook when the test JVM exits
                    url = builder.start().baseUrl();
                    System.setProperty(URL_PROPERTY, url);
                }
                shared = new Simulator(url);
            }
            return shared;
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public JsonNode get(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code PUT /_sim/faults} with a FaultSettings JSON document; {@code null} clears every fault. */
    public void faults(String json) {
        if (json == null) {
            status("DELETE", "/_sim/faults", null);
        } else {
            int s = status("PUT", "/_sim/faults", json);
            if (s != 200) {
                throw new IllegalStateException("PUT /_sim/faults answered " + s);
            }
        }
    }

    /** Accepted SNS messages: {@code time, messageId, topicArn, subject, message, messageStructure, attributes}. */
    public List<JsonNode> snsMessages() {
        List<JsonNode> out = new ArrayList<>();
        get("/_sim/sns/messages").forEach(out::add);
        return out;
    }

    /** Accepted Slack posts: {@code time, webhook, text, payload}. */
    public List<JsonNode> slackMessages() {
        List<JsonNode> out = new ArrayList<>();
        get("/_sim/slack/messages").forEach(out::add);
        return out;
    }

    /** Every call received: {@code time, service, operation, request, status, errorType}. */
    public List<JsonNode> calls(String service) {
        List<JsonNode> out = new ArrayList<>();
        get("/_sim/calls?service=" + service).forEach(out::add);
        return out;
    }

    private int status(String method, String path, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Content-Type", "application/json");
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
            return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
