package dev.sundown.simulator.studio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sundown.simulator.config.SimulatorConfig;
import dev.sundown.simulator.config.WorldBootstrap;
import dev.sundown.simulator.http.Http;
import dev.sundown.simulator.jupyter.JupyterEndpoint;
import dev.sundown.simulator.jupyter.JupyterJson;
import dev.sundown.simulator.jupyter.JupyterModelApi;
import dev.sundown.simulator.jupyter.Reply;
import dev.sundown.simulator.records.Recorder;
import dev.sundown.simulator.world.App;
import dev.sundown.simulator.world.JupyterServerModel;
import dev.sundown.simulator.world.KernelModel;
import dev.sundown.simulator.world.Owner;
import dev.sundown.simulator.world.World;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Studio's front door: the presigned login ({@code /auth?token=}), the session cookie and {@code _xsrf}, and the
 * user's Jupyter server at {@code /jupyter/default/...} (also {@code /jupyterlab/default/...}).
 */
@ApplicationScoped
public class StudioRoutes {

    public static final String XSRF_COOKIE = "_xsrf";
    private static final String LANDING = "/jupyter/default/lab";

    private final FrontDoor frontDoor;
    private final WorldBootstrap world;
    private final JupyterEndpoint endpoint;
    private final Recorder recorder;
    private final Clock clock;
    private final String sessionCookie;

    public StudioRoutes(FrontDoor frontDoor, WorldBootstrap world, JupyterEndpoint endpoint, Recorder recorder, Clock clock,
            SimulatorConfig config) {
        this.frontDoor = frontDoor;
        this.world = world;
        this.endpoint = endpoint;
        this.recorder = recorder;
        this.clock = clock;
        this.sessionCookie = config.studio().sessionCookie();
    }

    void routes(@Observes Router router) {
        router.get("/auth").handler(this::auth);
        router.get("/login").handler(ctx -> Http.write(ctx, Reply.html(200, JupyterEndpoint.loginPage())));
        BodyHandler body = BodyHandler.create(false);
        router.route("/jupyter/default/*").handler(body).handler(ctx -> serve(ctx, "/jupyter/default"));
        router.route("/jupyterlab/default/*").handler(body).handler(ctx -> serve(ctx, "/jupyterlab/default"));
    }

    private void auth(RoutingContext ctx) {
        Instant now = clock.instant();
        Optional<FrontDoor.Session> session = frontDoor.redeem(ctx.request().getParam("token"), now);
        ObjectNode logged = JsonNodeFactory.instance.objectNode();
        if (session.isEmpty()) {
            recorder.call(new Recorder.Call(now, "studio", "Login", logged, 403, "InvalidToken"));
            Http.write(ctx, Reply.html(403, JupyterJson.page("403 : Forbidden",
                    "The presigned URL is invalid, was already used, or has expired.")));
            return;
        }
        FrontDoor.Grant grant = session.get().grant();
        logged.put("domainId", grant.domainId());
        logged.put("userProfileName", grant.userProfileName());
        if (grant.spaceName() != null) {
            logged.put("spaceName", grant.spaceName());
        }
        recorder.call(new Recorder.Call(now, "studio", "Login", logged, 302, null));
        wakeServer(grant, now);
        ctx.response().addCookie(Cookie.cookie(sessionCookie, session.get().id()).setPath("/").setHttpOnly(true));
        ctx.response().addCookie(Cookie.cookie(XSRF_COOKIE, session.get().xsrf()).setPath("/"));
        ctx.response().setStatusCode(302).putHeader("Location", LANDING).end();
    }

    /** Opening Studio starts the user's JupyterServer (or the space's JupyterLab) app when none is running, as Studio does. */
    private void wakeServer(FrontDoor.Grant grant, Instant now) {
        world.store().update(w -> {
            Owner owner = owner(w, grant);
            if (owner == null) {
                return;
            }
            boolean running = w.appsOf(owner).stream().anyMatch(app -> app.type().equals(owner.serverAppType())
                    && !app.isGone(now) && !"Deleting".equals(app.status(now)));
            if (!running) {
                world.builder().createApp(w, owner, owner.serverAppType(), "default", null, null, null, java.util.Map.of(), now);
                ObjectNode logged = JsonNodeFactory.instance.objectNode();
                logged.put("DomainId", owner.domainId());
                logged.put(owner.kind() == Owner.Kind.USER_PROFILE ? "UserProfileName" : "SpaceName", owner.name());
                logged.put("AppType", owner.serverAppType());
                logged.put("AppName", "default");
                recorder.call(new Recorder.Call(now, "studio", "CreateApp", logged, 200, null));
            }
        });
    }

    private void serve(RoutingContext ctx, String prefix) {
        Instant now = clock.instant();
        Cookie cookie = ctx.request().getCookie(sessionCookie);
        Optional<FrontDoor.Session> session = frontDoor.session(cookie == null ? null : cookie.getValue(), now);
        if (session.isEmpty()) {
            unauthenticated(ctx);
            return;
        }
        String rawPath = ctx.request().path();
        List<String> segments = Http.segments(rawPath, prefix);
        String method = ctx.request().method().name();
        if (segments.isEmpty() || segments.get(0).equals("lab") || segments.get(0).equals("tree")) {
            Http.write(ctx, Reply.html(200, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>JupyterLab</title></head>"
                    + "<body><div id=\"main\">JupyterLab</div></body></html>\n"));
            return;
        }
        FrontDoor.Grant grant = session.get().grant();
        Function<World, JupyterServerModel> locate = w -> {
            Owner owner = owner(w, grant);
            return owner == null || w.inServiceServerApp(owner, clock.instant()) == null ? null : owner.server();
        };
        JupyterEndpoint.Snapshot snapshot = endpoint.snapshot(locate);
        if (snapshot == null) {
            Http.write(ctx, Reply.html(503, JupyterJson.page("503 : Service Unavailable",
                    "The Jupyter server of this Studio user is not running.")));
            return;
        }
        endpoint.whenReachable(ctx, snapshot, () -> {
            boolean mutating = !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
            if (mutating && !xsrfValid(ctx, session.get(), method)) {
                return;
            }
            String first = segments.get(0);
            if (first.equals("api")) {
                endpoint.serveApi(ctx, locate, snapshot, segments.subList(1, segments.size()),
                        rawPath.substring(prefix.length()), true);
            } else if (first.equals("sagemaker") && segments.size() >= 3 && segments.get(1).equals("api")
                    && segments.get(2).equals("apps")) {
                studioApps(ctx, grant, method, segments.subList(3, segments.size()));
            } else {
                Http.write(ctx, JupyterModelApi.notFound());
            }
        });
    }

    /** Jupyter checks {@code X-XSRFToken} against the {@code _xsrf} cookie on every mutating request of a cookie session. */
    private boolean xsrfValid(RoutingContext ctx, FrontDoor.Session session, String method) {
        String header = ctx.request().getHeader("X-XSRFToken");
        Cookie cookie = ctx.request().getCookie(XSRF_COOKIE);
        if (header == null || header.isEmpty()) {
            Http.write(ctx, Reply.json(403, JupyterJson.error("'_xsrf' argument missing from " + method)));
            return false;
        }
        if (cookie == null || !header.equals(cookie.getValue()) || !header.equals(session.xsrf())) {
            Http.write(ctx, Reply.json(403, JupyterJson.error("XSRF cookie does not match " + method + " argument")));
            return false;
        }
        return true;
    }

    private void unauthenticated(RoutingContext ctx) {
        if (frontDoor.unauthenticated() == FrontDoor.Unauthenticated.REDIRECT && ctx.request().method().name().equals("GET")) {
            String next = URLEncoder.encode(ctx.request().uri(), StandardCharsets.UTF_8);
            ctx.response().setStatusCode(302).putHeader("Location", "/login?next=" + next).end();
            return;
        }
        Http.write(ctx, Reply.json(403, JupyterJson.error("Forbidden")));
    }

    /** Studio's {@code /sagemaker/api/apps}: the owner's apps, and the ids of the kernels each one runs. */
    private void studioApps(RoutingContext ctx, FrontDoor.Grant grant, String method, List<String> rest) {
        Instant now = clock.instant();
        if (rest.isEmpty() && method.equals("GET")) {
            String body = world.store().read(w -> {
                Owner owner = owner(w, grant);
                ArrayNode apps = JsonNodeFactory.instance.arrayNode();
                if (owner == null) {
                    return apps.toString();
                }
                for (App app : w.appsOf(owner)) {
                    if (app.isGone(now) || app.type().equals("JupyterServer")) {
                        continue;
                    }
                    ObjectNode node = apps.addObject();
                    node.put("app_name", app.name());
                    node.put("app_type", app.type());
                    node.put("instance_type", app.instanceType());
                    node.put("environment_arn", app.imageArn());
                    node.put("image_name", app.imageName());
                    node.put("status", app.status(now));
                    ArrayNode kernels = node.putArray("kernels");
                    for (KernelModel kernel : owner.server().kernels().values()) {
                        if (app.name().equals(kernel.appName()) || app.type().equals("JupyterLab")) {
                            kernels.add(kernel.id());
                        }
                    }
                    // Image terminals run on the KernelGateway app, not on the JupyterServer.
                    ArrayNode terminals = node.putArray("terminals");
                    owner.server().terminals().values().stream()
                            .filter(t -> app.name().equals(t.appName()) || app.type().equals("JupyterLab"))
                            .forEach(t -> terminals.add(t.name()));
                }
                return apps.toString();
            });
            Http.write(ctx, Reply.json(200, body));
            return;
        }
        if (rest.size() == 1 && method.equals("DELETE")) {
            String appName = rest.get(0);
            Reply reply = world.store().write(w -> {
                Owner owner = owner(w, grant);
                App app = owner == null ? null : w.appsOf(owner).stream()
                        .filter(a -> a.name().equals(appName) && a.type().equals("KernelGateway") && !a.isGone(now))
                        .findFirst().orElse(null);
                if (app == null) {
                    return Reply.json(404, JupyterJson.error("App not found: " + appName));
                }
                if (!"Deleting".equals(app.status(now))) {
                    w.deleteApp(owner, app, now, world.appLifecycle().deleteDelay());
                }
                return Reply.noContent();
            });
            ObjectNode logged = JsonNodeFactory.instance.objectNode();
            logged.put("DomainId", grant.domainId());
            logged.put("AppName", appName);
            recorder.call(new Recorder.Call(now, "studio", "DeleteApp", logged, reply.status(), null));
            Http.write(ctx, reply);
            return;
        }
        Http.write(ctx, JupyterModelApi.notFound());
    }

    private static Owner owner(World w, FrontDoor.Grant grant) {
        return grant.spaceName() != null ? w.owner(grant.domainId(), null, grant.spaceName())
                : w.owner(grant.domainId(), grant.userProfileName(), null);
    }
}
