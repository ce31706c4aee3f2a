package dev.sundown.executor.jupyter;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.net.URI;
import java.time.Duration;

/** A self-managed Jupyter server reached with its base URL and token ({@code Authorization: token <t>}). */
public final class StaticJupyterAccess implements JupyterAccess {

    private final WebClient web;
    private final String name;
    private final String base;
    private final String token;
    private final Duration timeout;

    public StaticJupyterAccess(WebClient web, String name, URI url, String token, Duration timeout) {
        this.web = web;
        this.name = name;
        String text = url.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.token = token;
        this.timeout = timeout;
    }

    @Override
    public Uni<HttpResponse<Buffer>> send(HttpMethod method, String path) {
        return web.requestAbs(method, base + path)
                .putHeader("Authorization", "token " + token)
                .putHeader("Accept", "application/json")
                .timeout(timeout.toMillis())
                .send()
                .onFailure().transform(e -> HttpFailures.of(name(), e));
    }

    @Override
    public String name() {
        return "jupyter/" + name;
    }
}
