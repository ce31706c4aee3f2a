package dev.sundown.evaluator.config;

import dev.sundown.evaluator.domain.EffectivePolicy;
import dev.sundown.evaluator.domain.IdleRules;
import dev.sundown.evaluator.domain.PolicyResolver;
import dev.sundown.evaluator.domain.PriceTable;
import dev.sundown.evaluator.streams.EvaluatorSettings;
import dev.sundown.evaluator.streams.EvaluatorTopology;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.Topology;

/** The clock, the rules built from configuration, and the Kafka Streams topology. */
@ApplicationScoped
public class EvaluatorBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    PolicyResolver policyResolver(EvaluatorConfig config) {
        return new PolicyResolver(defaults(config));
    }

    @Produces
    @Singleton
    IdleRules idleRules(EvaluatorConfig config) {
        Map<String, Double> prices = new HashMap<>(PriceTable.DEFAULTS);
        prices.putAll(config.prices());
        return new IdleRules(config.effectiveStalenessWindow(), config.forgetAfter(), new PriceTable(prices));
    }

    @Produces
    @Singleton
    Topology topology(IdleRules rules, PolicyResolver resolver, EvaluatorConfig config, Clock clock) {
        return EvaluatorTopology.build(new EvaluatorSettings(rules, resolver, config.punctuationInterval()), clock);
    }

    /** The configured default as an effective policy. */
    public static EffectivePolicy defaults(EvaluatorConfig config) {
        EvaluatorConfig.DefaultPolicy d = config.defaultPolicy();
        return new EffectivePolicy(List.of(PolicyResolver.DEFAULTS_SCOPE), d.idleLimit(), d.warnBefore(), false,
                null, d.terminalsKeepAlive(), d.ignoreConnections(), d.shutdownKernelsIndividually(), d.dryRun());
    }
}
