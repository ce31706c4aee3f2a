package dev.sundown.simulator.world;

import dev.sundown.simulator.world.WorldSpec.AppSpec;
import dev.sundown.simulator.world.WorldSpec.DomainSpec;
import dev.sundown.simulator.world.WorldSpec.GenerateSpec;
import dev.sundown.simulator.world.WorldSpec.KernelSpec;
import dev.sundown.simulator.world.WorldSpec.ProfileSpec;
import dev.sundown.simulator.world.WorldSpec.ServerSpec;
import dev.sundown.simulator.world.WorldSpec.SpaceSpec;
import dev.sundown.simulator.world.WorldSpec.TargetSpec;
import dev.sundown.simulator.world.WorldSpec.TerminalSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns world specs (from the world file or the admin API) into the runtime model. Scripted times are relative to
 * {@code now}: the simulator's start for the world file, the moment of the request for admin additions.
 */
public final class WorldBuilder {

    /** The account that owns SageMaker's first-party images in us-east-1. */
    public static final String IMAGE_ACCOUNT = "081325390199";
    private static final Set<String> APP_TYPES = Set.of("JupyterServer", "KernelGateway", "JupyterLab", "CodeEditor",
            "DetailedProfiler", "TensorBoard", "RStudioServerPro", "RSessionGateway", "Canvas");

    private final AppLifecycle lifecycle;

    public WorldBuilder(AppLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    public World build(WorldSpec spec, Instant start, Double timeScaleOverride) {
        double scale = timeScaleOverride != null ? timeScaleOverride : spec.timeScale() != null ? spec.timeScale() : 1.0;
        if (scale <= 0) {
            throw new IllegalArgumentException("timeScale must be positive");
        }
        World world = new World(orDefault(spec.accountId(), "123456789012"), orDefault(spec.region(), "us-east-1"), scale, start);
        if (spec.snsTopics() != null) {
            for (String topic : spec.snsTopics()) {
                world.snsTopics().add(topicArn(world, topic));
            }
        }
        for (DomainSpec domain : list(spec.domains())) {
            addDomain(world, domain, start);
        }
        for (TargetSpec target : list(spec.targets())) {
            addTargets(world, target, start);
        }
        return world;
    }

    public static String topicArn(World world, String nameOrArn) {
        return nameOrArn.startsWith("arn:") ? nameOrArn : "arn:aws:sns:" + world.region() + ":" + world.accountId() + ":" + nameOrArn;
    }

    public Domain addDomain(World world, DomainSpec spec, Instant now) {
        require(spec.id(), "domain id");
        if (world.domains().containsKey(spec.id())) {
            throw new IllegalArgumentException("domain " + spec.id() + " already exists");
        }
        Domain domain = new Domain(spec.id(), orDefault(spec.name(), spec.id()), orDefault(spec.status(), "InService"),
                ago(now, spec.createdAgo(), Duration.ofDays(30)), tags(spec.tags()), Settings.of(spec.defaultUserSettings()));
        world.domains().put(domain.id(), domain);
        for (ProfileSpec profile : list(spec.userProfiles())) {
            addProfile(world, domain, profile, now);
        }
        for (SpaceSpec space : list(spec.spaces())) {
            addSpace(world, domain, space, now);
        }
        return domain;
    }

    public Owner addProfile(World world, Domain domain, ProfileSpec spec, Instant now) {
        require(spec.name(), "user profile name");
        if (domain.profiles().containsKey(spec.name())) {
            throw new IllegalArgumentException("user profile " + spec.name() + " already exists in " + domain.id());
        }
        Owner owner = new Owner(Owner.Kind.USER_PROFILE, domain.id(), spec.name(), orDefault(spec.status(), "InService"),
                ago(now, spec.createdAgo(), Duration.ofDays(7)), tags(spec.tags()), Settings.of(spec.settings()), null, null,
                server(world, domain.id() + "/" + spec.name(), spec.server(), now));
        domain.profiles().put(owner.name(), owner);
        for (AppSpec app : list(spec.apps())) {
            addApp(world, owner, app, now);
        }
        return owner;
    }

    public Owner addSpace(World world, Domain domain, SpaceSpec spec, Instant now) {
        require(spec.name(), "space name");
        if (domain.spaces().containsKey(spec.name())) {
            throw new IllegalArgumentException("space " + spec.name() + " already exists in " + domain.id());
        }
        Owner owner = new Owner(Owner.Kind.SPACE, domain.id(), spec.name(), orDefault(spec.status(), "InService"),
                ago(now, spec.createdAgo(), Duration.ofDays(7)), tags(spec.tags()), Settings.of(spec.settings()), spec.owner(),
                orDefault(spec.sharing(), spec.owner() == null ? "Shared" : "Private"),
                server(world, domain.id() + "/space/" + spec.name(), spec.server(), now));
        domain.spaces().put(owner.name(), owner);
        for (AppSpec app : list(spec.apps())) {
            addApp(world, owner, app, now);
        }
        return owner;
    }

    public App addApp(World world, Owner owner, AppSpec spec, Instant now) {
        require(spec.type(), "app type");
        require(spec.name(), "app name");
        if (!APP_TYPES.contains(spec.type())) {
            throw new IllegalArgumentException("unknown app type " + spec.type());
        }
        String status = orDefault(spec.status(), "InService");
        String profile = owner.kind() == Owner.Kind.USER_PROFILE ? owner.name() : null;
        String space = owner.kind() == Owner.Kind.SPACE ? owner.name() : null;
        App existing = world.findApp(owner.domainId(), profile, space, spec.type(), spec.name(), now);
        if (existing != null && !existing.isGone(now)) {
            throw new IllegalArgumentException("app " + spec.type() + "/" + spec.name() + " already exists");
        }
        Instant created = ago(now, spec.createdAgo(), Duration.ZERO);
        Instant inService = switch (status) {
            case "Pending" -> now.plus(lifecycle.createDelay());
            case "InService", "Deleted", "Deleting", "Failed" -> created;
            default -> throw new IllegalArgumentException("unknown app status " + status);
        };
        App app = new App(owner.domainId(), profile, space, spec.type(), spec.name(),
                orDefault(spec.instanceType(), defaultInstanceType(spec.type())),
                imageArn(world, orDefault(spec.image(), defaultImage(spec.type()))), spec.lifecycleConfigArn(), created,
                inService, "Failed".equals(status), ago(now, spec.lastUserActivityAgo(), null), Map.of());
        if ("Deleted".equals(status)) {
            app.requestDelete(now, Duration.ZERO);
        } else if ("Deleting".equals(status)) {
            app.requestDelete(now, lifecycle.deleteDelay());
        }
        world.apps().add(app);
        if (!app.isGone(now) && !"Deleting".equals(status)) {
            String label = owner.server().label() + "/" + spec.name();
            int index = 0;
            for (KernelSpec kernel : list(spec.kernels())) {
                owner.server().addKernel(kernel(world, kernel, spec.name(), label + "#" + index++, now));
            }
            int terminalIndex = 0;
            for (TerminalSpec terminal : list(spec.terminals())) {
                terminalIndex++;
                String name = terminal.name() != null ? terminal.name()
                        : app.imageArn() + "__" + terminalIndex + "__" + app.instanceType();
                owner.server().addTerminal(terminal(world, terminal, name, spec.name(), now));
            }
        }
        return app;
    }

    /** A new app created through CreateApp: Pending until the create delay has passed. */
    public App createApp(World world, Owner owner, String type, String name, String instanceType, String image,
            String lifecycleConfigArn, Map<String, String> tags, Instant now) {
        App app = new App(owner.domainId(), owner.kind() == Owner.Kind.USER_PROFILE ? owner.name() : null,
                owner.kind() == Owner.Kind.SPACE ? owner.name() : null, type, name,
                orDefault(instanceType, defaultInstanceType(type)), imageArn(world, orDefault(image, defaultImage(type))),
                lifecycleConfigArn, now, now.plus(lifecycle.createDelay()), false, null, tags);
        world.apps().add(app);
        return app;
    }

    public KernelModel kernel(World world, KernelSpec spec, String appName, String seed, Instant now) {
        String id = spec.id() != null ? spec.id() : seed == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes(("kernel:" + seed).getBytes(StandardCharsets.UTF_8)).toString();
        double scale = world.timeScale();
        Instant base = now.minus(orZero(Durations.scale(Durations.parse(spec.idleSince()), scale)));
        Activity.Periodic periodic = null;
        Duration every = Durations.scale(Durations.parse(spec.busyEvery()), scale);
        if (every != null) {
            Duration length = orDefault(Durations.scale(Durations.parse(spec.busyDuration()), scale), every.dividedBy(4));
            periodic = new Activity.Periodic(now.plus(every), every, length);
        }
        Activity activity = new Activity(base, periodic);
        Duration busyFor = Durations.scale(Durations.parse(spec.busyFor()), scale);
        if (busyFor != null) {
            activity.busy(now, busyFor);
        }
        KernelModel.SessionInfo session = null;
        if (spec.notebook() != null) {
            String path = spec.notebook();
            String sessionId = seed == null ? UUID.randomUUID().toString()
                    : UUID.nameUUIDFromBytes(("session:" + seed).getBytes(StandardCharsets.UTF_8)).toString();
            session = new KernelModel.SessionInfo(sessionId, path, path.substring(path.lastIndexOf('/') + 1), "notebook");
        }
        String app = spec.app() != null ? spec.app() : appName;
        return new KernelModel(id, orDefault(spec.name(), "python3"), app, session,
                spec.connections() == null ? 0 : spec.connections(), activity);
    }

    public TerminalModel terminal(World world, TerminalSpec spec, String name, String appName, Instant now) {
        double scale = world.timeScale();
        Instant base = now.minus(orZero(Durations.scale(Durations.parse(spec.idleSince()), scale)));
        Duration every = Durations.scale(Durations.parse(spec.typedEvery()), scale);
        Activity.Periodic periodic = every == null ? null : new Activity.Periodic(now.plus(every), every, Duration.ZERO);
        return new TerminalModel(name, appName, new Activity(base, periodic));
    }

    public void addTargets(World world, TargetSpec spec, Instant now) {
        if (spec.generate() != null) {
            generate(world, spec.generate(), now);
            return;
        }
        require(spec.name(), "target name");
        if (!spec.name().matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("target name must be URL-safe ([A-Za-z0-9._-]): " + spec.name());
        }
        if (world.targets().containsKey(spec.name())) {
            throw new IllegalArgumentException("target " + spec.name() + " already exists");
        }
        require(spec.token(), "target token");
        JupyterServerModel server = new JupyterServerModel(spec.name(), spec.token(),
                ago(now, spec.startedAgo(), Duration.ZERO));
        server.reachability(Reachability.parse(spec.reachability()), Durations.parse(spec.slowBy()));
        if (spec.proxy() != null) {
            server.proxy(new JupyterServerModel.ProxyTarget(spec.proxy().url(), spec.proxy().token()));
        }
        int index = 0;
        for (KernelSpec kernel : list(spec.kernels())) {
            server.addKernel(kernel(world, kernel, null, "target:" + spec.name() + "#" + index++, now));
        }
        for (TerminalSpec terminal : list(spec.terminals())) {
            String name = terminal.name() != null ? terminal.name() : server.nextTerminalName();
            server.addTerminal(terminal(world, terminal, name, null, now));
        }
        world.targets().put(spec.name(), server);
    }

    private void generate(World world, GenerateSpec spec, Instant now) {
        int count = spec.count() == null ? 0 : spec.count();
        String prefix = orDefault(spec.namePrefix(), "target-");
        String token = orDefault(spec.token(), "bench-token");
        int kernels = spec.kernelsEach() == null ? 0 : spec.kernelsEach();
        int terminals = spec.terminalsEach() == null ? 0 : spec.terminalsEach();
        for (int i = 1; i <= count; i++) {
            String name = prefix + String.format(Locale.ROOT, "%04d", i);
            List<KernelSpec> kernelSpecs = new java.util.ArrayList<>();
            for (int k = 0; k < kernels; k++) {
                kernelSpecs.add(new KernelSpec(null, "python3", "work/notebook-" + k + ".ipynb", 0, spec.idleSince(),
                        null, spec.busyEvery(), spec.busyDuration(), null));
            }
            List<TerminalSpec> terminalSpecs = new java.util.ArrayList<>();
            for (int t = 0; t < terminals; t++) {
                terminalSpecs.add(new TerminalSpec(null, spec.idleSince(), null));
            }
            addTargets(world, new TargetSpec(name, token, null, null, null, null, kernelSpecs, terminalSpecs, null), now);
        }
    }

    private JupyterServerModel server(World world, String label, ServerSpec spec, Instant now) {
        JupyterServerModel server = new JupyterServerModel(label, null,
                ago(now, spec == null ? null : spec.startedAgo(), Duration.ZERO));
        if (spec != null) {
            server.reachability(Reachability.parse(spec.reachability()), Durations.parse(spec.slowBy()));
            if (spec.proxy() != null) {
                require(spec.proxy().url(), "proxy url");
                server.proxy(new JupyterServerModel.ProxyTarget(spec.proxy().url(), spec.proxy().token()));
            }
            for (TerminalSpec terminal : list(spec.terminals())) {
                String name = terminal.name() != null ? terminal.name() : server.nextTerminalName();
                server.addTerminal(terminal(world, terminal, name, null, now));
            }
        }
        return server;
    }

    public static String imageArn(World world, String image) {
        if (image == null || image.startsWith("arn:")) {
            return image;
        }
        return "arn:aws:sagemaker:" + world.region() + ":" + IMAGE_ACCOUNT + ":image/" + image;
    }

    private static String defaultInstanceType(String type) {
        return switch (type) {
            case "JupyterServer" -> "system";
            default -> "ml.t3.medium";
        };
    }

    private static String defaultImage(String type) {
        return switch (type) {
            case "JupyterServer" -> "jupyter-server-3";
            case "KernelGateway" -> "datascience-1.0";
            case "JupyterLab", "CodeEditor" -> "sagemaker-distribution-cpu";
            default -> null;
        };
    }

    private static Instant ago(Instant now, String text, Duration fallback) {
        Duration duration = Durations.parse(text);
        if (duration == null) {
            return fallback == null ? null : now.minus(fallback);
        }
        return now.minus(duration);
    }

    private static Map<String, String> tags(Map<String, String> tags) {
        return tags == null ? Map.of() : new LinkedHashMap<>(tags);
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }

    private static <T> T orDefault(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static Duration orZero(Duration duration) {
        return duration == null ? Duration.ZERO : duration;
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
    }
}
