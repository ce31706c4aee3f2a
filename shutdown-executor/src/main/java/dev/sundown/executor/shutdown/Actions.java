package dev.sundown.executor.shutdown;

import dev.sundown.events.AppKey;
import dev.sundown.events.OwnerKind;
import dev.sundown.executor.domain.Observation;
import dev.sundown.executor.jupyter.JupyterApi;
import dev.sundown.executor.sagemaker.SageMakerApps;
import dev.sundown.executor.sagemaker.StudioChecks;
import io.smallrye.mutiny.Uni;

/** The three kinds of action: a kernel or a terminal through the Jupyter API, an app through DeleteApp. */
final class Actions {

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

    static ResourceAction app(SageMakerApps sageMaker, AppKey key, OwnerKind ownerKind) {
        return new ResourceAction() {
            @Override
            public Uni<Observation> observe(Retrier retrier) {
                return StudioChecks.check(sageMaker, retrier, key, ownerKind)
                        .map(found -> found.conclusive().orElseGet(() -> new Observation.App(found.status())));
            }

            @Override
            public Uni<Void> act() {
                return sageMaker.deleteApp(key, ownerKind);
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
}
