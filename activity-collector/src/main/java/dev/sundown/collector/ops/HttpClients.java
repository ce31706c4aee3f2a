package dev.sundown.collector.ops;

import dev.sundown.collector.config.CollectorConfig;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/** The Vert.x Web Client shared by every Jupyter read; sized for the configured concurrency. */
@ApplicationScoped
public class HttpClients {

    private final Vertx vertx;
    private final WebClient client;

    public HttpClients(Vertx vertx, CollectorConfig config) {
        this.vertx = vertx;
        WebClientOptions options = new WebClientOptions()
                .setConnectTimeout((int) config.requestTimeout().toMillis())
                .setIdleTimeout((int) Math.max(1, config.pollInterval().toSeconds() * 2))
                .setKeepAlive(true)
                .setMaxPoolSize(Math.max(8, config.concurrency() * 4))
                .setFollowRedirects(false)
                .setUserAgent("sundown-activity-collector")
                .setTrustAll(false);
        this.client = WebClient.create(vertx, options);
    }

    public WebClient client() {
        return client;
    }

    public Vertx vertx() {
        return vertx;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
