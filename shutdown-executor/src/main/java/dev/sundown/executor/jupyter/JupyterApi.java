package dev.sundown.executor.jupyter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sundown.executor.domain.CallFailure;
import dev.sundown.executor.domain.Observation;
import dev.sundown.executor.domain.StudioInventory;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Jupyter REST calls the executor makes. Reads always carry {@code no_track_activity=1} so they never
 * count as activity.
 */
public final class JupyterApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JupyterAccess access;

    public JupyterApi(JupyterAccess access) {
        this.access = access;
    }

    public String name() {
        return access.name();
    }

    public Uni<Observation> readKernel(String kernelId) {
        return access.send(HttpMethod.GET, "/api/kernels/" + segment(kernelId) + "?no_track_activity=1")
                .map(response -> {
                    if (response.statusCode() == 404) {
                        return new Observation.Gone("kernel " + kernelId + " is gone from " + name());
                    }
                    JsonNode kernel = json(requireOk(response, "reading kernel " + kernelId));
                    return new Observation.Kernel(kernel.path("execution_state").asText(null),
                            instant(kernel.path("last_activity").asText(null)));
                });
    }

    public Uni<Observation> readTerminal(String terminalName) {
        return access.send(HttpMethod.GET, "/api/terminals?no_track_activity=1")
                .map(response -> {
                    JsonNode terminals = json(requireOk(response, "listing terminals"));
                    for (JsonNode terminal : terminals) {
                        if (terminalName.equals(terminal.path("name").asText())) {
                            return new Observation.Terminal(instant(terminal.path("last_activity").asText(null)));
                        }
                    }
                    return new Observation.Gone("terminal " + terminalName + " is gone from " + name());
                });
    }

    /** Every kernel of the server ({@code app_name} is Studio's: the KernelGateway app it runs on). */
    public Uni<List<StudioInventory.ListedKernel>> listKernels() {
        return access.send(HttpMethod.GET, "/api/kernels?no_track_activity=1").map(response -> {
            List<StudioInventory.ListedKernel> kernels = new ArrayList<>();
            for (JsonNode k : list(json(requireOk(response, "listing kernels")), "kernels")) {
                kernels.add(new StudioInventory.ListedKernel(k.path("id").asText(), text(k, "app_name"),
                        text(k, "execution_state"), instant(text(k, "last_activity"))));
            }
            return kernels;
        });
    }

    /** Every terminal of the server. */
    public Uni<List<StudioInventory.ListedTerminal>> listTerminals() {
        return access.send(HttpMethod.GET, "/api/terminals?no_track_activity=1").map(response -> {
            List<StudioInventory.ListedTerminal> terminals = new ArrayList<>();
            for (JsonNode t : list(json(requireOk(response, "listing terminals")), "terminals")) {
                terminals.add(new StudioInventory.ListedTerminal(t.path("name").asText(), text(t, "app_name"),
                        instant(text(t, "last_activity"))));
            }
            return terminals;
        });
    }

    /** Studio's {@code /sagemaker/api/apps}: the owner's apps with the kernels and image terminals they run. */
    public Uni<List<StudioInventory.ListedApp>> studioApps() {
        return access.send(HttpMethod.GET, "/sagemaker/api/apps?no_track_activity=1").map(response -> {
            List<StudioInventory.ListedApp> apps = new ArrayList<>();
            for (JsonNode a : list(json(requireOk(response, "listing Studio apps")), "Studio apps")) {
                apps.add(new StudioInventory.ListedApp(text(a, "app_name"), text(a, "app_type"),
                        strings(a.path("kernels")), strings(a.path("terminals"))));
            }
            return apps;
        });
    }

    /** Deletes a kernel; fails with {@link CallFailure.Kind#GONE} on 404. */
    public Uni<Void> deleteKernel(String kernelId) {
        return delete("/api/kernels/" + segment(kernelId), "kernel " + kernelId);
    }

    /** Deletes a terminal; fails with {@link CallFailure.Kind#GONE} on 404. */
    public Uni<Void> deleteTerminal(String terminalName) {
        return delete("/api/terminals/" + segment(terminalName), "terminal " + terminalName);
    }

    private Uni<Void> delete(String path, String what) {
        return access.send(HttpMethod.DELETE, path).map(response -> {
            requireOk(response, "deleting " + what);
            return null;
        });
    }

    private HttpResponse<Buffer> requireOk(HttpResponse<Buffer> response, String doing) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        throw new CallFailure(CallFailure.ofHttpStatus(status), name() + ": HTTP " + status + " " + doing);
    }

    private JsonNode json(HttpResponse<Buffer> response) {
        try {
            Buffer body = response.body();
            return JSON.readTree(body == null ? new byte[0] : body.getBytes());
        } catch (IOException e) {
            throw new CallFailure(CallFailure.Kind.RETRYABLE, name() + ": answer is not JSON");
        }
    }

    private JsonNode list(JsonNode node, String what) {
        if (!node.isArray()) {
            throw new CallFailure(CallFailure.Kind.RETRYABLE, name() + ": " + what + " answer is not a list");
        }
        return node;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
