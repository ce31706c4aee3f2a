package dev.sundown.collector.ops;

import dev.sundown.collector.config.CollectorConfig;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The Vert.x Web Client shared by every Jupyter read. Connections are kept alive across the four requests of a
 * poll and across cycles (a pool per server, kept for two intervals), so a steady poll costs no TCP handshake.
 */
@ApplicationScoped
public class HttpClients {

    /**
     * Most connections per server when {@code concurrency} is sized automatically. Targets are distinct servers,
     * each with its own pool of up to four connections (one per request of a poll); many Studio front doors share a
     * domain's origin, and there requests beyond this wait for a kept-alive connection instead of opening more.
     */
    static final int AUTO_POOL = 256;

    private final Vertx vertx;
    private final WebClient client;

    public HttpClients(Vertx vertx, CollectorConfig config) {
        this.vertx = vertx;
        int keep = (int) Math.max(60, config.pollInterval().toSeconds() * 2 + 1);
        WebClientOptions options = new WebClientOptions()
                .setConnectTimeout((int) config.requestTimeout().toMillis())
                .setIdleTimeout(keep)
                .setKeepAlive(true)
                .setKeepAliveTimeout(keep)
                .setMaxPoolSize(config.concurrency().map(c -> Math.max(8, c * 4)).orElse(AUTO_POOL))
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
