package dev.sundown.collector.jupyter;

import dev.sundown.collector.poll.ReadFailure;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads a Jupyter server's REST API with the Vert.x Web Client. Every request carries
 * {@code no_track_activity=1} so reading never counts as activity on the server.
 */
public final class JupyterReader {

    /** Answers a Jupyter server gives when a session or token is no longer accepted. */
    public static final List<Integer> AUTH_REJECTED = List.of(401, 403);

    private final Duration timeout;

    public JupyterReader(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Reads kernels, sessions, terminals and status of the server at {@code baseUrl}.
     *
     * @param authorization the {@code Authorization} header value, or null when a cookie session authenticates
     */
    public Uni<ServerSnapshot> snapshot(WebClient client, String baseUrl, String authorization) {
        Uni<List<JupyterKernel>> kernels = get(client, baseUrl, "/api/kernels", authorization, JupyterReplies::kernels);
        Uni<List<JupyterSession>> sessions = get(client, baseUrl, "/api/sessions", authorization,
                JupyterReplies::sessions);
        Uni<List<JupyterTerminal>> terminals = get(client, baseUrl, "/api/terminals", authorization,
                JupyterReplies::terminals);
        Uni<JupyterStatus> status = get(client, baseUrl, "/api/status", authorization, JupyterReplies::status);
        return Uni.combine().all().unis(kernels, sessions, terminals, status).asTuple()
                .map(t -> new ServerSnapshot(t.getItem1(), t.getItem2(), t.getItem3(), t.getItem4()));
    }

    /** Reads one API path and parses it, or fails with a {@link ReadFailure} that names the path. */
    public <T> Uni<T> get(WebClient client, String baseUrl, String path, String authorization,
                          Function<String, T> parser) {
        var request = client.getAbs(baseUrl + path)
                .addQueryParam("no_track_activity", "1")
                .putHeader("Accept", "application/json")
                .timeout(timeout.toMillis());
        if (authorization != null) {
            request.putHeader("Authorization", authorization);
        }
        return request.send()
                .ifNoItem().after(timeout).failWith(() -> new ReadFailure(ReadFailure.Kind.TIMEOUT,
                        path + ": no answer within " + timeout.toMillis() + " ms"))
                .onFailure().transform(t -> ReadFailure.of(t, path))
                .map(response -> parse(response, path, parser));
    }

    private static <T> T parse(HttpResponse<Buffer> response, String path, Function<String, T> parser) {
        int status = response.statusCode();
        if (AUTH_REJECTED.contains(status)) {
            throw new ReadFailure(ReadFailure.Kind.SESSION_EXPIRED, path + ": HTTP " + status + " (not authorized)");
        }
        if (status >= 300 && status < 400) {
            throw new ReadFailure(ReadFailure.Kind.SESSION_EXPIRED, path + ": HTTP " + status + " redirect (login?)");
        }
        if (status != 200) {
            throw new ReadFailure(ReadFailure.Kind.HTTP_ERROR, path + ": HTTP " + status);
        }
        String body = response.bodyAsString();
        String contentType = response.getHeader("Content-Type");
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/html")) {
            throw new ReadFailure(ReadFailure.Kind.SESSION_EXPIRED, path + ": HTML page instead of JSON (login?)");
        }
        try {
            return parser.apply(body);
        } catch (UnexpectedReplyException e) {
            if (e.getMessage().contains("HTML instead of JSON")) {
                throw new ReadFailure(ReadFailure.Kind.SESSION_EXPIRED, e.getMessage());
            }
            throw new ReadFailure(ReadFailure.Kind.UNEXPECTED_REPLY, e.getMessage());
        }
    }
}
