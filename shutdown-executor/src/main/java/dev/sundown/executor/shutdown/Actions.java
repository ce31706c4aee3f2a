package dev.sundown.executor.shutdown;

import dev.sundown.events.AppKey;
import dev.sundown.events.AppType;
import dev.sundown.events.OwnerKind;
import dev.sundown.executor.domain.Observation;
import dev.sundown.executor.domain.StudioInventory;
import dev.sundown.executor.jupyter.JupyterApi;
import dev.sundown.executor.sagemaker.SageMakerApps;
import dev.sundown.executor.sagemaker.StudioChecks;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** The three kinds of action: a kernel or a terminal through the Jupyter API, an app through DeleteApp. */
final class Actions {

    /** The name of the JupyterServer app of a Studio Classic user profile or shared space. */
    private static final String SERVER_APP = "default";

    private Actions() {
    }

    /** Checks that run before the Jupyter read of a Studio kernel or terminal: app gone, or exempt by tag. */
    interface Precheck {
        Uni<java.util.Optional<Observation>> run(Retrier retrier);

        Precheck NONE = retrier -> Uni.createFrom().item(java.util.Optional.empty());
    }

    static ResourceAction kernel(JupyterApi api, String kernelId, Precheck precheck) {
        return new ResourceAction() {
            @Override
            public Uni<Observation> observe(Retrier retrier) {
                return precheck.run(retrier).chain(found -> found.isPresent() ? Uni.createFrom().item(found.get())
                        : retrier.read(() -> api.readKernel(kernelId)));
            }

            @Override
            public Uni<Void> act() {
                return api.deleteKernel(kernelId);
            }

            @Override
            public String description() {
                return "delete kernel " + kernelId + " on " + api.name();
            }

            @Override
            public String kind() {
                return "kernel";
            }
        };
    }

    static ResourceAction terminal(JupyterApi api, String terminalName, Precheck precheck) {
        return new ResourceAction() {
            @Override
            public Uni<Observation> observe(Retrier retrier) {
                return precheck.run(retrier).chain(found -> found.isPresent() ? Uni.createFrom().item(found.get())
                        : retrier.read(() -> api.readTerminal(terminalName)));
            }

            @Override
            public Uni<Void> act() {
                return api.deleteTerminal(terminalName);
            }

            @Override
            public String description() {
                return "delete terminal " + terminalName + " on " + api.name();
            }

            @Override
            public String kind() {
                return "terminal";
            }
        };
    }

    static Precheck studio(SageMakerApps sageMaker, AppKey key, OwnerKind ownerKind) {
        return retrier -> StudioChecks.check(sageMaker, retrier, key, ownerKind).map(StudioChecks.Found::conclusive);
    }

    /**
     * DeleteApp of a Studio app, after re-reading the app (DescribeApp, tags) and the kernels and terminals that run
     * on it through the owner's front door {@code frontDoor}.
     */
    static ResourceAction app(SageMakerApps sageMaker, AppKey key, OwnerKind ownerKind, JupyterApi frontDoor) {
        return new ResourceAction() {
            @Override
            public Uni<Observation> observe(Retrier retrier) {
                return StudioChecks.check(sageMaker, retrier, key, ownerKind).chain(found -> {
                    if (found.conclusive().isPresent()) {
                        return Uni.createFrom().item(found.conclusive().get());
                    }
                    if (!"InService".equalsIgnoreCase(found.status())) {
                        return Uni.createFrom().item(new Observation.App(found.status()));
                    }
                    return children(sageMaker, retrier, key, ownerKind, frontDoor).map(children ->
                            new Observation.App(found.status(), found.lastUserActivity(), children));
                });
            }

            @Override
            public Uni<Void> act() {
                return sageMaker.deleteApp(key, ownerKind);
            }

            @Override
            public boolean revalidatesBeforeRetry() {
                return true;
            }

            @Override
            public String description() {
                return "DeleteApp " + key;
            }

            @Override
            public String kind() {
                return "app";
            }
        };
    }

    /**
     * The kernels and terminals of an app. A KernelGateway app's kernels are reached through the JupyterServer app
     * ({@code default}) of its owner: when that app is not InService nothing is read (logging in would start it)
     * and nothing can use the kernels. A JupyterLab app is the space's server itself. A CodeEditor app runs no
     * Jupyter server.
     */
    private static Uni<Observation.Children> children(SageMakerApps sageMaker, Retrier retrier, AppKey key,
                                                      OwnerKind ownerKind, JupyterApi frontDoor) {
        if (key.appType() == AppType.CodeEditor) {
            return Uni.createFrom().item(new Observation.Children.NoJupyter());
        }
        if (key.appType() == AppType.KernelGateway) {
            AppKey server = AppKey.studio(key.domainId(), key.owner(), AppType.JupyterServer, SERVER_APP);
            return StudioChecks.status(sageMaker, retrier, server, ownerKind).chain(status ->
                    "InService".equalsIgnoreCase(status) ? read(retrier, key, frontDoor)
                            : Uni.createFrom().item(new Observation.Children.ServerStopped(status)));
        }
        return read(retrier, key, frontDoor);
    }

    private static Uni<Observation.Children> read(Retrier retrier, AppKey key, JupyterApi frontDoor) {
        Uni<List<StudioInventory.ListedApp>> apps = key.appType().hostsJupyterServer()
                ? Uni.createFrom().item(List.of()) : retrier.read(frontDoor::studioApps);
        return retrier.read(frontDoor::listKernels)
                .chain(kernels -> retrier.read(frontDoor::listTerminals)
                        .chain(terminals -> apps.map(listed -> new StudioInventory(kernels, terminals, listed)
                                .childrenOf(key.appType(), key.appName()))));
    }
}
