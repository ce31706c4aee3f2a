package dev.sundown.simulator.admin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sundown.simulator.config.WorldBootstrap;
import dev.sundown.simulator.faults.FaultInjector;
import dev.sundown.simulator.faults.FaultSettings;
import dev.sundown.simulator.http.Http;
import dev.sundown.simulator.jupyter.JupyterJson;
import dev.sundown.simulator.records.Recorder;
import dev.sundown.simulator.studio.FrontDoor;
import dev.sundown.simulator.world.App;
import dev.sundown.simulator.world.Domain;
import dev.sundown.simulator.world.Durations;
import dev.sundown.simulator.world.JupyterServerModel;
import dev.sundown.simulator.world.KernelModel;
import dev.sundown.simulator.world.Owner;
import dev.sundown.simulator.world.Reachability;
import dev.sundown.simulator.world.TerminalModel;
import dev.sundown.simulator.world.World;
import dev.sundown.simulator.world.WorldSpec;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/** The admin API under {@code /_sim/}: read what was received, change the world, expire sessions, inject faults. */
@ApplicationScoped
public class AdminRoutes {

    /** A request the admin API refuses, with the status to answer. */
    static final class AdminError extends RuntimeException {
        final int status;

        AdminError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private static final ObjectMapper STRICT = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final WorldBootstrap world;
    private final Recorder recorder;
    private final FaultInjector faults;
    private final FrontDoor frontDoor;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final FrontDoor.Unauthenticated defaultUnauthenticated;

    public AdminRoutes(WorldBootstrap world, Recorder recorder, FaultInjector faults, FrontDoor frontDoor, Clock clock,
            ObjectMapper mapper) {
        this.defaultUnauthenticated = frontDoor.unauthenticated();
        this.world = world;
        this.recorder = recorder;
        this.faults = faults;
        this.frontDoor = frontDoor;
        this.clock = clock;
        this.mapper = mapper;
    }

    void routes(@Observes Router router) {
        router.route("/_sim/*").handler(BodyHandler.create(false)).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        List<String> path = Http.segments(ctx.request().path(), "/_sim");
        String method = ctx.request().method().name();
        try {
            Object result = dispatch(ctx, method, path);
            if (result == null) {
                ctx.response().setStatusCode(204).end();
            } else if (result instanceof Created created) {
                Http.json(ctx, mapper, 201, created.body());
            } else {
                Http.json(ctx, mapper, 200, result);
            }
        } catch (AdminError e) {
            Http.json(ctx, mapper, e.status, mapper.createObjectNode().put("error", e.getMessage()));
        } catch (IllegalArgumentException e) {
            Http.json(ctx, mapper, 400, mapper.createObjectNode().put("error", e.getMessage()));
        }
    }

    private record Created(Object body) {
    }

    private Object dispatch(RoutingContext ctx, String method, List<String> path) {
        String route = method + " " + ctx.request().path();
        String first = path.isEmpty() ? "" : path.get(0);
        switch (first) {
            case "calls" -> {
                expect(method, "GET", path, 1);
                String service = ctx.request().getParam("service");
                String operation = ctx.request().getParam("operation");
                return recorder.calls(call -> (service == null || service.equals(call.service()))
                        && (operation == null || operation.equals(call.operation())));
            }
            case "sns" -> {
                if (path.size() == 2 && path.get(1).equals("messages") && method.equals("GET")) {
                    String topic = ctx.request().getParam("topicArn");
                    return recorder.snsMessages(message -> topic == null || topic.equals(message.topicArn()));
                }
                if (path.size() == 2 && path.get(1).equals("topics") && method.equals("GET")) {
                    return world.store().read(w -> List.copyOf(w.snsTopics()));
                }
                throw notFound(route);
            }
            case "slack" -> {
                if (path.size() == 2 && path.get(1).equals("messages") && method.equals("GET")) {
                    String webhook = ctx.request().getParam("webhook");
                    return recorder.slackMessages(message -> webhook == null || webhook.equals(message.webhook()));
                }
                throw notFound(route);
            }
            case "records" -> {
                expect(method, "DELETE", path, 1);
                recorder.clear();
                return null;
            }
            case "reset" -> {
                expect(method, "POST", path, 1);
                world.reset();
                frontDoor.clear();
                frontDoor.unauthenticated(defaultUnauthenticated);
                faults.configure(FaultSettings.NONE);
                recorder.clear();
                return null;
            }
            case "faults" -> {
                if (path.size() != 1) {
                    throw notFound(route);
                }
                return switch (method) {
                    case "GET" -> faults.settings();
                    case "PUT" -> {
                        faults.configure(read(ctx, FaultSettings.class));
                        yield faults.settings();
                    }
                    case "DELETE" -> {
                        faults.configure(FaultSettings.NONE);
                        yield null;
                    }
                    default -> throw notFound(route);
                };
            }
            case "studio" -> {
                expect(method, "PUT", path, 1);
                JsonNode body = readTree(ctx);
                String mode = body.path("unauthenticated").asText("");
                frontDoor.unauthenticated(FrontDoor.Unauthenticated.valueOf(mode.toUpperCase(Locale.ROOT)));
                return mapper.createObjectNode().put("unauthenticated", mode.toLowerCase(Locale.ROOT));
            }
            case "sessions" -> {
                if (path.size() == 2 && path.get(1).equals("expire") && method.equals("POST")) {
                    JsonNode body = readTree(ctx);
                    String domain = body.path("domainId").asText(null);
                    String profile = body.path("userProfileName").asText(null);
                    String space = body.path("spaceName").asText(null);
                    int expired = frontDoor.expire(grant -> (domain == null || domain.equals(grant.domainId()))
                            && (profile == null || profile.equals(grant.userProfileName()))
                            && (space == null || space.equals(grant.spaceName())));
                    return mapper.createObjectNode().put("expired", expired);
                }
                throw notFound(route);
            }
            case "world" -> {
                expect(method, "GET", path, 1);
                return world.store().read(this::describeWorld);
            }
            case "domains" -> {
                return domains(ctx, method, path, route);
            }
            case "targets" -> {
                if (path.size() == 1 && method.equals("POST")) {
                    WorldSpec.TargetSpec spec = read(ctx, WorldSpec.TargetSpec.class);
                    Instant now = clock.instant();
                    world.store().update(w -> world.builder().addTargets(w, spec, now));
                    int added = spec.generate() != null ? Objects.requireNonNullElse(spec.generate().count(), 0) : 1;
                    return new Created(mapper.createObjectNode().put("added", added));
                }
                if (path.size() == 2 && method.equals("DELETE")) {
                    boolean removed = world.store().write(w -> w.targets().remove(path.get(1)) != null);
                    if (!removed) {
                        throw notFound("target " + path.get(1));
                    }
                    return null;
                }
                if (path.size() >= 2) {
                    String name = path.get(1);
                    return server(ctx, method, w -> w.targets().get(name), path.subList(2, path.size()), route);
                }
                throw notFound(route);
            }
            default -> throw notFound(route);
        }
    }

    private Object domains(RoutingContext ctx, String method, List<String> path, String route) {
        Instant now = clock.instant();
        if (path.size() == 1 && method.equals("POST")) {
            WorldSpec.DomainSpec spec = read(ctx, WorldSpec.DomainSpec.class);
            world.store().update(w -> world.builder().addDomain(w, spec, now));
            return new Created(mapper.createObjectNode().put("domainId", spec.id()));
        }
        if (path.size() < 3) {
            throw notFound(route);
        }
        String domainId = path.get(1);
        String kind = path.get(2);
        if (!kind.equals("profiles") && !kind.equals("spaces")) {
            throw notFound(route);
        }
        boolean profile = kind.equals("profiles");
        if (path.size() == 3 && method.equals("POST")) {
            if (profile) {
                WorldSpec.ProfileSpec spec = read(ctx, WorldSpec.ProfileSpec.class);
                world.store().update(w -> world.builder().addProfile(w, domain(w, domainId), spec, now));
                return new Created(mapper.createObjectNode().put("userProfileName", spec.name()));
            }
            WorldSpec.SpaceSpec spec = read(ctx, WorldSpec.SpaceSpec.class);
            world.store().update(w -> world.builder().addSpace(w, domain(w, domainId), spec, now));
            return new Created(mapper.createObjectNode().put("spaceName", spec.name()));
        }
        if (path.size() < 5) {
            throw notFound(route);
        }
        String name = path.get(3);
        Function<World, Owner> ownerOf = w -> {
            Owner owner = profile ? w.owner(domainId, name, null) : w.owner(domainId, null, name);
            if (owner == null) {
                throw notFound((profile ? "user profile " : "space ") + domainId + "/" + name);
            }
            return owner;
        };
        String section = path.get(4);
        if (section.equals("apps") && path.size() == 5 && method.equals("POST")) {
            WorldSpec.AppSpec spec = read(ctx, WorldSpec.AppSpec.class);
            String arn = world.store().write(w -> w.appArn(world.builder().addApp(w, ownerOf.apply(w), spec, now)));
            return new Created(mapper.createObjectNode().put("appArn", arn));
        }
        if (section.equals("server")) {
            return server(ctx, method, w -> ownerOf.apply(w).server(), path.subList(5, path.size()), route);
        }
        throw notFound(route);
    }

    /** Operations on one Jupyter server's model: kernels, terminals, reachability, proxy. */
    private Object server(RoutingContext ctx, String method, Function<World, JupyterServerModel> locate, List<String> rest,
            String route) {
        Instant now = clock.instant();
        Function<World, JupyterServerModel> server = w -> {
            JupyterServerModel found = locate.apply(w);
            if (found == null) {
                throw notFound("server");
            }
            return found;
        };
        if (rest.isEmpty()) {
            expect(method, "GET", rest, 0);
            return world.store().read(w -> describeServer(server.apply(w), now));
        }
        String section = rest.get(0);
        switch (section) {
            case "reachability" -> {
                expect(method, "PUT", rest, 1);
                JsonNode body = readTree(ctx);
                Reachability mode = Reachability.parse(body.path("mode").asText(null));
                Duration slowBy = Durations.parse(body.path("slowBy").asText(null));
                world.store().update(w -> server.apply(w).reachability(mode, slowBy));
                return mapper.createObjectNode().put("mode", mode.wireName());
            }
            case "proxy" -> {
                if (method.equals("PUT") && rest.size() == 1) {
                    JsonNode body = readTree(ctx);
                    String url = body.path("url").asText(null);
                    if (url == null || url.isBlank()) {
                        throw new IllegalArgumentException("url is required");
                    }
                    JupyterServerModel.ProxyTarget target = new JupyterServerModel.ProxyTarget(url, body.path("token").asText(null));
                    world.store().update(w -> server.apply(w).proxy(target));
                    return mapper.createObjectNode().put("url", url);
                }
                expect(method, "DELETE", rest, 1);
                world.store().update(w -> server.apply(w).proxy(null));
                return null;
            }
            case "kernels" -> {
                return kernels(ctx, method, server, rest, now, route);
            }
            case "terminals" -> {
                return terminals(ctx, method, server, rest, now, route);
            }
            default -> throw notFound(route);
        }
    }

    private Object kernels(RoutingContext ctx, String method, Function<World, JupyterServerModel> server, List<String> rest,
            Instant now, String route) {
        if (rest.size() == 1 && method.equals("POST")) {
            WorldSpec.KernelSpec spec = read(ctx, WorldSpec.KernelSpec.class);
            return new Created(world.store().write(w -> {
                KernelModel kernel = world.builder().kernel(w, spec, null, null, now);
                server.apply(w).addKernel(kernel);
                return JupyterJson.kernel(kernel, now, true);
            }));
        }
        if (rest.size() < 2) {
            throw notFound(route);
        }
        String id = rest.get(1);
        Function<World, KernelModel> kernelOf = w -> {
            KernelModel kernel = server.apply(w).kernels().get(id);
            if (kernel == null) {
                throw notFound("kernel " + id);
            }
            return kernel;
        };
        if (rest.size() == 2 && method.equals("DELETE")) {
            world.store().update(w -> server.apply(w).kernels().remove(kernelOf.apply(w).id()));
            return null;
        }
        if (rest.size() == 3 && method.equals("POST")) {
            String action = rest.get(2);
            JsonNode body = readTree(ctx);
            return world.store().write(w -> {
                KernelModel kernel = kernelOf.apply(w);
                switch (action) {
                    case "touch" -> kernel.activity().touch(now);
                    case "run" -> kernel.activity().busy(now, runFor(body));
                    case "state" -> kernel.forceState(body.path("state").isTextual() ? body.path("state").asText() : null);
                    case "connections" -> kernel.connections(body.path("connections").asInt(0));
                    default -> throw notFound(route);
                }
                return JupyterJson.kernel(kernel, now, true);
            });
        }
        throw notFound(route);
    }

    private Object terminals(RoutingContext ctx, String method, Function<World, JupyterServerModel> server, List<String> rest,
            Instant now, String route) {
        if (rest.size() == 1 && method.equals("POST")) {
            WorldSpec.TerminalSpec spec = read(ctx, WorldSpec.TerminalSpec.class);
            return new Created(world.store().write(w -> {
                JupyterServerModel target = server.apply(w);
                String name = spec.name() != null ? spec.name() : target.nextTerminalName();
                TerminalModel terminal = world.builder().terminal(w, spec, name, null, now);
                target.addTerminal(terminal);
                return JupyterJson.terminal(terminal, now);
            }));
        }
        if (rest.size() < 2) {
            throw notFound(route);
        }
        String name = rest.get(1);
        Function<World, TerminalModel> terminalOf = w -> {
            TerminalModel terminal = server.apply(w).terminals().get(name);
            if (terminal == null) {
                throw notFound("terminal " + name);
            }
            return terminal;
        };
        if (rest.size() == 2 && method.equals("DELETE")) {
            world.store().update(w -> server.apply(w).terminals().remove(terminalOf.apply(w).name()));
            return null;
        }
        if (rest.size() == 3 && method.equals("POST") && rest.get(2).equals("type")) {
            return world.store().write(w -> {
                TerminalModel terminal = terminalOf.apply(w);
                terminal.activity().touch(now);
                return JupyterJson.terminal(terminal, now);
            });
        }
        throw notFound(route);
    }

    private static Duration runFor(JsonNode body) {
        if (body.has("seconds")) {
            return Duration.ofMillis(Math.round(body.path("seconds").asDouble() * 1000));
        }
        Duration duration = Durations.parse(body.path("for").asText(null));
        return duration != null ? duration : Duration.ofSeconds(10);
    }

    private ObjectNode describeWorld(World w) {
        Instant now = clock.instant();
        ObjectNode out = mapper.createObjectNode();
        out.put("start", w.start().toString());
        out.put("timeScale", w.timeScale());
        ArrayNode domains = out.putArray("domains");
        for (Domain domain : w.domains().values()) {
            ObjectNode node = domains.addObject();
            node.put("id", domain.id());
            node.put("name", domain.name());
            ArrayNode profiles = node.putArray("userProfiles");
            domain.profiles().values().forEach(owner -> profiles.add(describeOwner(w, owner, now)));
            ArrayNode spaces = node.putArray("spaces");
            domain.spaces().values().forEach(owner -> spaces.add(describeOwner(w, owner, now)));
        }
        out.put("targets", w.targets().size());
        ArrayNode topics = out.putArray("snsTopics");
        w.snsTopics().forEach(topics::add);
        return out;
    }

    private ObjectNode describeOwner(World w, Owner owner, Instant now) {
        ObjectNode node = mapper.createObjectNode();
        node.put("name", owner.name());
        node.set("tags", mapper.valueToTree(owner.tags()));
        ArrayNode apps = node.putArray("apps");
        for (App app : w.appsOf(owner)) {
            apps.addObject().put("type", app.type()).put("name", app.name()).put("status", app.status(now))
                    .put("instanceType", app.instanceType()).put("image", app.imageName());
        }
        node.set("server", describeServer(owner.server(), now));
        return node;
    }

    private ObjectNode describeServer(JupyterServerModel server, Instant now) {
        ObjectNode node = mapper.createObjectNode();
        node.put("reachability", server.reachability().wireName());
        if (server.proxy() != null) {
            node.put("proxy", server.proxy().url());
        }
        ArrayNode kernels = node.putArray("kernels");
        server.kernels().values().forEach(kernel -> kernels.add(JupyterJson.kernel(kernel, now, true)));
        ArrayNode terminals = node.putArray("terminals");
        server.terminals().values().forEach(terminal -> terminals.add(JupyterJson.terminal(terminal, now)));
        node.set("status", JupyterJson.status(server, now));
        return node;
    }

    private static Domain domain(World w, String id) {
        Domain domain = w.domain(id);
        if (domain == null) {
            throw notFound("domain " + id);
        }
        return domain;
    }

    private static void expect(String method, String expected, List<String> path, int size) {
        if (!method.equals(expected) || path.size() != size) {
            throw notFound(method + " " + String.join("/", path));
        }
    }

    private static AdminError notFound(String what) {
        return new AdminError(404, "not found: " + what);
    }

    private <T> T read(RoutingContext ctx, Class<T> type) {
        String body = Http.body(ctx);
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("a JSON body is required");
        }
        try {
            return STRICT.readValue(body, type);
        } catch (Exception e) {
            throw new IllegalArgumentException("invalid JSON body: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private JsonNode readTree(RoutingContext ctx) {
        String body = Http.body(ctx);
        if (body == null || body.isBlank()) {
            return mapper.createObjectNode();
        }
        try {
            return mapper.readTree(body);
        } catch (Exception e) {
            throw new IllegalArgumentException("invalid JSON body");
        }
    }
}
