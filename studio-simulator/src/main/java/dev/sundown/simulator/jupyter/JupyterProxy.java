package dev.sundown.simulator.jupyter;

import dev.sundown.simulator.config.SimulatorConfig;
import dev.sundown.simulator.world.JupyterServerModel.ProxyTarget;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.jboss.logging.Logger;

/** Forwards a Jupyter API request to a real Jupyter Server, passing method, query, body and status code through. */
@ApplicationScoped
public class JupyterProxy {

    private static final Logger LOG = Logger.getLogger(JupyterProxy.class);
    private static final Set<String> PASSED_RESPONSE_HEADERS = Set.of("content-type", "location", "etag");

    private final WebClient client;
    private final long timeoutMillis;

    public JupyterProxy(Vertx vertx, SimulatorConfig config) {
        this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false).setKeepAlive(true));
        this.timeoutMillis = config.proxy().timeout().toMillis();
    }

    /** @param apiPath the path on the real server, e.g. {@code /api/kernels/<id>} (raw, still encoded) */
    public void forward(RoutingContext ctx, ProxyTarget target, String apiPath) {
        StringBuilder url = new StringBuilder(target.url().replaceAll("/+$", "")).append(apiPath);
        String query = queryWithoutToken(ctx.request().query());
        if (!query.isEmpty()) {
            url.append('?').append(query);
        }
        HttpRequest<Buffer> request = client.requestAbs(HttpMethod.valueOf(ctx.request().method().name()), url.toString())
                .timeout(timeoutMillis);
        if (target.token() != null) {
            request.putHeader("Authorization", "token " + target.token());
        }
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType != null) {
            request.putHeader("Content-Type", contentType);
        }
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        (body != null && body.length() > 0 ? request.sendBuffer(body) : request.send()).onComplete(result -> {
            if (result.failed()) {
                LOG.debugf("proxy to %s failed: %s", target.url(), result.cause().getMessage());
                Http502.write(ctx);
                return;
            }
            var upstream = result.result();
            var response = ctx.response().setStatusCode(upstream.statusCode());
            upstream.headers().forEach(header -> {
                if (PASSED_RESPONSE_HEADERS.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                    response.putHeader(header.getKey(), header.getValue());
                }
            });
            Buffer answer = upstream.body();
            if (answer == null) {
                response.end();
            } else {
                response.end(answer);
            }
        });
    }

    private static String queryWithoutToken(String query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringBuilder kept = new StringBuilder();
        for (String pair : query.split("&")) {
            if (pair.startsWith("token=") || pair.equals("token")) {
                continue;
            }
            if (kept.length() > 0) {
                kept.append('&');
            }
            kept.append(pair);
        }
        return kept.toString();
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** The answer of a gateway whose upstream did not answer. */
    static final class Http502 {
        private Http502() {
        }

        static void write(RoutingContext ctx) {
            if (!ctx.response().ended()) {
                ctx.response().setStatusCode(502).putHeader("Content-Type", Reply.HTML)
                        .end(JupyterJson.page("502 : Bad Gateway", "The Jupyter server did not answer."));
            }
        }
    }
}
