package dev.sundown.collector.ops;

import dev.sundown.collector.config.CollectorConfig;
import dev.sundown.collector.config.Secrets;
import dev.sundown.collector.config.StaticTargets;
import dev.sundown.collector.jupyter.JupyterReader;
import dev.sundown.collector.jupyter.StaticJupyterTarget;
import dev.sundown.collector.poll.PollLoop;
import dev.sundown.collector.studio.StudioCycle;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/** Registers the configured targets and starts the loops. */
@ApplicationScoped
public class CollectorStartup {

    private static final Logger LOG = Logger.getLogger(CollectorStartup.class);

    private final CollectorConfig config;
    private final PollLoop loop;
    private final HttpClients http;
    private final FirstCycle readiness;
    private final StudioCycle studio;
    private final Config rawConfig;

    public CollectorStartup(CollectorConfig config, PollLoop loop, HttpClients http, FirstCycle readiness,
                            StudioCycle studio, Config rawConfig) {
        this.config = config;
        this.rawConfig = rawConfig;
        this.loop = loop;
        this.http = http;
        this.readiness = readiness;
        this.studio = studio;
    }

    void start(@Observes StartupEvent event) {
        JupyterReader reader = new JupyterReader(config.requestTimeout());
        Set<String> expected = new HashSet<>();
        Map<String, StaticTargets.Target> targets = StaticTargets.read(config.jupyter().targets().keySet(), rawConfig);
        targets.forEach((name, target) -> {
            String setting = StaticTargets.PREFIX + name + ".token";
            String token = Secrets.read(setting, target.token(), target.tokenFile()).orElse(null);
            StaticJupyterTarget t = new StaticJupyterTarget(name, target.url().toString(), token, http.client(), reader);
            loop.register(t, false);
            expected.add(t.source());
        });
        if (config.studio().enabled()) {
            expected.add(StudioCycle.READINESS_SOURCE);
        }
        readiness.expect(expected);
        loop.start();
        if (config.studio().enabled()) {
            studio.start();
        }
        LOG.infof("collecting from %d static Jupyter target(s)%s, push %s", targets.size(),
                config.studio().enabled() ? " and SageMaker Studio" : "",
                config.push().enabled() ? "enabled" : "disabled");
    }

    void stop(@Observes ShutdownEvent event) {
        loop.stop();
        studio.stop();
    }
}
