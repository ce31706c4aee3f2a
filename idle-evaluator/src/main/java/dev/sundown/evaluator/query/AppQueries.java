package dev.sundown.evaluator.query;

import dev.sundown.evaluator.domain.AppState;
import dev.sundown.evaluator.domain.Assessment;
import dev.sundown.evaluator.domain.EffectivePolicy;
import dev.sundown.evaluator.domain.IdleRules;
import dev.sundown.evaluator.domain.PlannedStop;
import dev.sundown.evaluator.domain.PolicyResolver;
import dev.sundown.evaluator.query.Views.AppView;
import dev.sundown.evaluator.query.Views.IdleView;
import dev.sundown.evaluator.query.Views.UpcomingView;
import dev.sundown.evaluator.streams.StoredPolicies;
import dev.sundown.events.IdlePolicy;
import dev.sundown.events.PolicyScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Answers the query API from this instance's stores, applying the same rules the topology applies (a query never
 * changes state).
 */
@ApplicationScoped
public class AppQueries {

    private final EvaluatorStores stores;
    private final IdleRules rules;
    private final PolicyResolver resolver;
    private final Clock clock;

    AppQueries(EvaluatorStores stores, IdleRules rules, PolicyResolver resolver, Clock clock) {
        this.stores = stores;
        this.rules = rules;
        this.resolver = resolver;
        this.clock = clock;
    }

    public List<AppView> apps() {
        List<AppView> out = new ArrayList<>();
        for (AppState s : states()) {
            out.add(new AppView(s.appKey().toString(), s.ownerKind(), s.status(), s.instanceType(), s.image(),
                    s.tags(), List.copyOf(s.kernels().values()), List.copyOf(s.terminals().values()), s.sources(),
                    s.coverageLostAt() != null, s.indexedAt() == null ? null : Instant.ofEpochMilli(s.indexedAt())));
        }
        return out;
    }

    public List<IdleView> idle() {
        Instant now = clock.instant();
        Map<PolicyScope, IdlePolicy> policies = StoredPolicies.read(stores.policies());
        List<IdleView> out = new ArrayList<>();
        for (AppState s : states()) {
            Assessment a = assess(s, policies, now);
            List<PlannedStop> stops = a.stops();
            if (!stops.isEmpty()) {
                out.add(new IdleView(s.appKey().toString(), s.owner(), s.instanceType(), a.policy().dryRun(), stops));
            }
        }
        out.sort(Comparator.comparing(v -> v.stops().get(0).commandAt()));
        return out;
    }

    public List<UpcomingView> upcoming() {
        Instant now = clock.instant();
        Map<PolicyScope, IdlePolicy> policies = StoredPolicies.read(stores.policies());
        List<UpcomingView> out = new ArrayList<>();
        for (AppState s : states()) {
            Assessment a = assess(s, policies, now);
            for (PlannedStop stop : a.stops()) {
                if (!"done".equals(stop.next())) {
                    out.add(new UpcomingView(s.appKey().toString(), stop.resource(), stop.commandAt(),
                            stop.deadline(), stop.idleSince(), stop.next(), stop.nextAt(), stop.reason(),
                            stop.hourlyCost(), a.policy().dryRun()));
                }
            }
        }
        out.sort(Comparator.comparing(UpcomingView::commandAt));
        return out;
    }

    public Optional<Assessment> explain(String appKey) {
        AppState s = stores.apps().get(appKey);
        if (s == null) {
            return Optional.empty();
        }
        return Optional.of(assess(s, StoredPolicies.read(stores.policies()), clock.instant()));
    }

    private Assessment assess(AppState s, Map<PolicyScope, IdlePolicy> policies, Instant now) {
        EffectivePolicy policy = resolver.resolve(s.appKey(), s.image(), s.tags(), policies::get);
        return rules.decide(s, policy, now).assessment();
    }

    private List<AppState> states() {
        List<AppState> all = new ArrayList<>();
        try (KeyValueIterator<String, AppState> it = stores.apps().all()) {
            it.forEachRemaining(kv -> all.add(kv.value));
        }
        return all;
    }
}
