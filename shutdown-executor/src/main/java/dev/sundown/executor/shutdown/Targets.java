package dev.sundown.executor.shutdown;

import dev.sundown.events.AppKey;
import dev.sundown.events.AppType;
import dev.sundown.events.OwnerKind;
import dev.sundown.events.ShutdownCommand;
import dev.sundown.executor.config.ExecutorConfig;
import dev.sundown.executor.config.StaticTargets;
import dev.sundown.executor.jupyter.JupyterApi;
import dev.sundown.executor.jupyter.StaticJupyterAccess;
import dev.sundown.executor.jupyter.StudioJupyterAccess;
import dev.sundown.executor.sagemaker.SageMakerApps;
import io.quarkus.runtime.Startup;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * Finds how to reach a command's resource: a static Jupyter target, a Studio front door, or SageMaker. Built at
 * startup, so the HTTP and AWS clients are ready before the first command arrives on an event-loop thread.
 */
@Startup
@ApplicationScoped
public class Targets {

    private final ExecutorConfig config;
    private final SageMakerApps sageMaker;
    private final WebClient web;
    private final Map<String, JupyterApi> staticTargets;
    private final Map<String, JupyterApi> studioServers = new ConcurrentHashMap<>();

    public Targets(ExecutorConfig config, Config rawConfig, SageMakerApps sageMaker, Vertx vertx) {
        Map<String, StaticTargets.Target> configured = StaticTargets.read(config.jupyter().targets().keySet(),
                rawConfig);
        this.config = config;
        this.sageMaker = sageMaker;
        this.web = WebClient.create(vertx, new WebClientOptions()
                .setUserAgent("sundown-shutdown-executor")
                .setConnectTimeout((int) config.requestTimeout().toMillis())
                .setFollowRedirects(false));
        this.staticTargets = configured.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> new JupyterApi(new StaticJupyterAccess(
                        web, e.getKey(), e.getValue().url(), e.getValue().token(), config.requestTimeout()))));
    }

    /** Names of the configured static Jupyter targets. */
    public Set<String> staticTargetNames() {
        return staticTargets.keySet();
    }

    /** The action for a validated command. */
    public ResourceAction actionFor(ShutdownCommand command) {
        AppKey key = command.appKey();
        String id = command.resource().id();
        switch (command.resource().kind()) {
            case APP:
                return Actions.app(sageMaker, key, command.ownerKind(), studio(command));
            case KERNEL:
                return key.isJupyterTarget()
                        ? Actions.kernel(staticTargets.get(key.appName()), id, Actions.Precheck.NONE)
                        : Actions.kernel(studio(command), id, Actions.studio(sageMaker, key, command.ownerKind()));
            case TERMINAL:
                return key.isJupyterTarget()
                        ? Actions.terminal(staticTargets.get(key.appName()), id, Actions.Precheck.NONE)
                        : Actions.terminal(studio(command), id, Actions.studio(sageMaker, key, command.ownerKind()));
            default:
                throw new IllegalArgumentException("unknown resource kind " + command.resource().kind());
        }
    }

    /**
     * The owner's Jupyter server behind Studio's front door: a space's JupyterLab (or CodeEditor) app at the
     * space base path, a user profile's (or a shared space's) JupyterServer app at the classic base path.
     */
    private JupyterApi studio(ShutdownCommand command) {
        AppKey key = command.appKey();
        String basePath = command.ownerKind() == OwnerKind.SPACE && key.appType() != AppType.KernelGateway
                ? config.jupyter().studioSpaceBasePath() : config.jupyter().studioBasePath();
        String server = key.domainId() + "/" + command.ownerKind() + "/" + key.owner() + basePath;
        return studioServers.computeIfAbsent(server, s -> new JupyterApi(new StudioJupyterAccess(web, sageMaker,
                key.domainId(), command.ownerKind(), key.owner(), basePath, config.requestTimeout())));
    }

    @PreDestroy
    void close() {
        web.close();
    }
}
