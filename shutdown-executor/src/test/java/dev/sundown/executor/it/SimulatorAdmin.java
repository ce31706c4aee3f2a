package dev.sundown.executor.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The studio-simulator's admin API ({@code /_sim/}): what it received, the world's state, injected faults. */
public final class SimulatorAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SimulatorAdmin(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** SageMaker calls of one operation, e.g. {@code DeleteApp}, with their request and status. */
    public List<JsonNode> sageMakerCalls(String operation) {
        return list("/_sim/calls?service=sagemaker" + (operation == null ? "" : "&operation=" + operation));
    }

    /** Successful DeleteApp calls for an app name. */
    public long deleteAppsOf(String appName) {
        return sageMakerCalls("DeleteApp").stream()
                .filter(c -> c.path("status").asInt() == 200 && appName.equals(c.path("request").path("AppName").asText()))
                .count();
    }

    /** Every DeleteApp call for an app name, whatever its answer. */
    public long deleteAppCallsOf(String appName) {
        return sageMakerCalls("DeleteApp").stream()
                .filter(c -> appName.equals(c.path("request").path("AppName").asText()))
                .count();
    }

    /** Successful front-door logins of a user profile. */
    public long studioLoginsOf(String userProfileName) {
        return studioLogins().stream()
                .filter(c -> userProfileName.equals(c.path("request").path("userProfileName").asText())).count();
    }

    /** Apps Studio started because someone logged in while the owner's server was not running. */
    public long serverStartsOf(String owner) {
        return list("/_sim/calls?service=studio&operation=CreateApp").stream()
                .filter(c -> owner.equals(c.path("request").path("UserProfileName").asText())).count();
    }

    /** Someone types into a terminal of a user profile's server now. */
    public void typeInTerminal(String domainId, String profile, String terminalName) {
        send("POST", server(domainId, profile) + "/terminals/"
                + URLEncoder.encode(terminalName, StandardCharsets.UTF_8).replace("+", "%20") + "/type", null);
    }

    /** A kernel runs code (busy) for {@code seconds}, then goes idle. */
    public void runCode(String domainId, String profile, String kernelId, int seconds) {
        send("POST", server(domainId, profile) + "/kernels/" + kernelId + "/run", "{\"seconds\":" + seconds + "}");
    }

    /** Activity on a kernel now. */
    public void touchKernel(String domainId, String profile, String kernelId) {
        send("POST", server(domainId, profile) + "/kernels/" + kernelId + "/touch", null);
    }

    /** How a user profile's Jupyter server answers: {@code ok}, {@code refused}, {@code bad-gateway}, ... */
    public void reachability(String domainId, String profile, String mode) {
        send("PUT", server(domainId, profile) + "/reachability", "{\"mode\":\"" + mode + "\"}");
    }

    private static String server(String domainId, String profile) {
        return "/_sim/domains/" + domainId + "/profiles/" + profile + "/server";
    }

    public List<JsonNode> studioLogins() {
        return list("/_sim/calls?service=studio&operation=Login").stream()
                .filter(c -> c.path("status").asInt() == 302).toList();
    }

    public void clearRecords() {
        send("DELETE", "/_sim/records", null);
    }

    public void faults(String json) {
        send("PUT", "/_sim/faults", json);
    }

    public void clearFaults() {
        send("DELETE", "/_sim/faults", null);
    }

    /** How the front door answers a request without a valid session: {@code forbidden} or {@code redirect}. */
    public void unauthenticated(String mode) {
        send("PUT", "/_sim/studio", "{\"unauthenticated\":\"" + mode + "\"}");
    }

    public void expireSessions(String domainId, String userProfileName) {
        send("POST", "/_sim/sessions/expire", "{\"domainId\":\"" + domainId + "\",\"userProfileName\":\""
                + userProfileName + "\"}");
    }

    /** The Jupyter server of a user profile as the simulator models it: kernels, terminals, status. */
    public JsonNode profileServer(String domainId, String profile) {
        return send("GET", "/_sim/domains/" + domainId + "/profiles/" + profile + "/server", null);
    }

    public Optional<JsonNode> kernel(String domainId, String profile, String kernelId) {
        for (JsonNode kernel : profileServer(domainId, profile).path("kernels")) {
            if (kernel.path("id").asText().equals(kernelId)) {
                return Optional.of(kernel);
            }
        }
        return Optional.empty();
    }

    /** An app's status from the world ({@code InService}, {@code Deleting}, {@code Deleted}, ...). */
    public String appStatus(String domainId, String owner, String appName) {
        JsonNode world = send("GET", "/_sim/world", null);
        for (JsonNode domain : world.path("domains")) {
            if (!domain.path("id").asText().equals(domainId)) {
                continue;
            }
            for (String kind : List.of("userProfiles", "spaces")) {
                for (JsonNode o : domain.path(kind)) {
                    if (!o.path("name").asText().equals(owner)) {
                        continue;
                    }
                    for (JsonNode app : o.path("apps")) {
                        if (app.path("name").asText().equals(appName)) {
                            return app.path("status").asText();
                        }
                    }
                }
            }
        }
        return "absent";
    }

    private List<JsonNode> list(String path) {
        List<JsonNode> items = new ArrayList<>();
        send("GET", path, null).forEach(items::add);
        return items;
    }

    private JsonNode send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
