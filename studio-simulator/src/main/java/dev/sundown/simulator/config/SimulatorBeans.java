package dev.sundown.simulator.config;

import dev.sundown.simulator.faults.FaultInjector;
import dev.sundown.simulator.records.Recorder;
import dev.sundown.simulator.sagemaker.SageMakerApi;
import dev.sundown.simulator.slack.SlackReceiver;
import dev.sundown.simulator.sns.SnsApi;
import dev.sundown.simulator.studio.FrontDoor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Wires the plain simulator components to configuration. */
public class SimulatorBeans {

    @Produces
    @ApplicationScoped
    Recorder recorder(SimulatorConfig config) {
        return new Recorder(config.records().limit());
    }

    @Produces
    @ApplicationScoped
    FaultInjector faults(SimulatorConfig config) {
        return new FaultInjector(config.seed());
    }

    @Produces
    @ApplicationScoped
    FrontDoor frontDoor(SimulatorConfig config) {
        FrontDoor frontDoor = new FrontDoor(config.studio().sessionDuration());
        frontDoor.unauthenticated(FrontDoor.Unauthenticated.valueOf(config.studio().unauthenticated().toUpperCase(java.util.Locale.ROOT)));
        return frontDoor;
    }

    @Produces
    @ApplicationScoped
    SageMakerApi sageMaker(WorldBootstrap world, FrontDoor frontDoor, SimulatorConfig config) {
        return new SageMakerApi(world::store, world::builder, world.appLifecycle(), frontDoor,
                config.sagemaker().defaultPageSize(), config.sagemaker().healthCheckInterval());
    }

    @Produces
    @ApplicationScoped
    SnsApi sns(WorldBootstrap world, Recorder recorder, SimulatorConfig config) {
        return new SnsApi(world.store(), recorder, config.sns().autoCreateTopics());
    }

    @Produces
    @ApplicationScoped
    SlackReceiver slack(Recorder recorder) {
        return new SlackReceiver(recorder);
    }
}
