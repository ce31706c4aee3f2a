package dev.sundown.simulator.jupyter;

import dev.sundown.simulator.http.Http;
import dev.sundown.simulator.world.JupyterServerModel;
import dev.sundown.simulator.world.World;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.Function;

/** Self-managed Jupyter servers ("static targets") at {@code /targets/{name}/api/...}, authenticated with a token. */
@ApplicationScoped
public class TargetRoutes {

    private final JupyterEndpoint endpoint;

    public TargetRoutes(JupyterEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    void routes(@Observes Router router) {
        router.route("/targets/:name/*").handler(BodyHandler.create(false)).handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        String prefix = "/targets/" + name;
        String rawPath = ctx.request().path();
        Function<World, JupyterServerModel> locate = world -> world.targets().get(name);
        String token = endpoint.world().read(world -> {
            JupyterServerModel server = world.targets().get(name);
            return server == null ? null : server.token();
        });
        if (token == null) {
            Http.write(ctx, JupyterModelApi.notFound());
            return;
        }
        if (!authorized(ctx, token)) {
            Http.write(ctx, Reply.json(403, JupyterJson.error("Forbidden")));
            return;
        }
        JupyterEndpoint.Snapshot snapshot = endpoint.snapshot(locate);
        if (snapshot == null) {
            Http.write(ctx, JupyterModelApi.notFound());
            return;
        }
        List<String> segments = Http.segments(rawPath, prefix);
        endpoint.whenReachable(ctx, snapshot, () -> {
            if (segments.isEmpty() || !segments.get(0).equals("api")) {
                Http.write(ctx, JupyterModelApi.notFound());
                return;
            }
            endpoint.serveApi(ctx, locate, snapshot, segments.subList(1, segments.size()),
                    rawPath.substring(prefix.length()), false);
        });
    }

    private static boolean authorized(RoutingContext ctx, String token) {
        String header = ctx.request().getHeader("Authorization");
        String given = null;
        if (header != null && header.regionMatches(true, 0, "token ", 0, 6)) {
            given = header.substring(6).trim();
        } else if (ctx.request().getParam("token") != null) {
            given = ctx.request().getParam("token");
        }
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }
}
