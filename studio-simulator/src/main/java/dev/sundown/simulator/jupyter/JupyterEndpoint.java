package dev.sundown.simulator.jupyter;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sundown.simulator.config.WorldBootstrap;
import dev.sundown.simulator.http.Http;
import dev.sundown.simulator.records.Recorder;
import dev.sundown.simulator.world.JupyterServerModel;
import dev.sundown.simulator.world.Reachability;
import dev.sundown.simulator.world.World;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** Serves a simulated Jupyter server's API: reachability faults first, then the real server (proxy) or the model. */
@ApplicationScoped
public class JupyterEndpoint {

    /** What the adapter needs to know about a server before answering, read under the world lock. */
    public record Snapshot(String label, Reachability reachability, Duration slowBy, JupyterServerModel.ProxyTarget proxy) {

        static Snapshot of(JupyterServerModel server) {
            return new Snapshot(server.label(), server.reachability(), server.slowBy(), server.proxy());
        }
    }

    private final WorldBootstrap world;
    private final JupyterProxy proxy;
    private final Recorder recorder;
    private final Clock clock;
    private final Vertx vertx;

    public JupyterEndpoint(WorldBootstrap world, JupyterProxy proxy, Recorder recorder, Clock clock, Vertx vertx) {
        this.world = world;
        this.proxy = proxy;
        this.recorder = recorder;
        this.clock = clock;
        this.vertx = vertx;
    }

    public dev.sundown.simulator.world.WorldStore world() {
        return world.store();
    }

    public Snapshot snapshot(Function<World, JupyterServerModel> locate) {
        return world.store().read(w -> {
            JupyterServerModel server = locate.apply(w);
            return server == null ? null : Snapshot.of(server);
        });
    }

    /** Applies the server's reachability; runs {@code next} only when the server answers. */
    public void whenReachable(RoutingContext ctx, Snapshot snapshot, Runnable next) {
        switch (snapshot.reachability()) {
            case REFUSED -> ctx.request().connection().close();
            case BAD_GATEWAY -> Http.write(ctx, Reply.html(502, JupyterJson.page("502 : Bad Gateway",
                    "The Jupyter server is not answering.")));
            case HTML -> Http.write(ctx, Reply.html(200, loginPage()));
            case SLOW -> Http.later(vertx, snapshot.slowBy().toMillis(), next);
            default -> next.run();
        }
    }

    /**
     * Answers {@code /api/...}.
     *
     * @param apiSegments decoded segments after {@code api}
     * @param rawApiPath  the raw path from {@code /api} on, for the proxy
     */
    public void serveApi(RoutingContext ctx, Function<World, JupyterServerModel> locate, Snapshot snapshot,
            List<String> apiSegments, String rawApiPath, boolean studio) {
        if (snapshot.proxy() != null) {
            proxy.forward(ctx, snapshot.proxy(), rawApiPath);
            return;
        }
        Instant now = clock.instant();
        boolean track = ctx.request().getParam("no_track_activity") == null;
        String method = ctx.request().method().name();
        String body = Http.body(ctx);
        JupyterModelApi.Handled handled = world.store().write(w -> {
            JupyterServerModel server = locate.apply(w);
            return server == null ? null : JupyterModelApi.handle(server, method, apiSegments, track, studio, body, now);
        });
        if (handled == null) {
            Http.write(ctx, JupyterModelApi.notFound());
            return;
        }
        if (handled.mutation() != null) {
            ObjectNode request = JsonNodeFactory.instance.objectNode();
            request.put("server", snapshot.label());
            request.put("path", rawApiPath);
            request.put("via", studio ? "studio" : "token");
            recorder.call(new Recorder.Call(now, "jupyter", handled.mutation(), request, handled.reply().status(), null));
        }
        Http.write(ctx, handled.reply());
    }

    public static String loginPage() {
        return "<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><title>Sign in</title></head>\n<body>\n"
                + "<h1>Sign in</h1>\n<p>Your session has expired. Open Studio again from the console.</p>\n"
                + "<form method=\"post\" action=\"/login\"><input type=\"password\" name=\"password\"></form>\n"
                + "</body>\n</html>\n";
    }
}
