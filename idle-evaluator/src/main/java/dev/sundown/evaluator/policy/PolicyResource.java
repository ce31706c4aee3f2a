package dev.sundown.evaluator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sundown.evaluator.query.EvaluatorStores;
import dev.sundown.evaluator.query.Views.Problem;
import dev.sundown.evaluator.streams.StoredPolicies;
import dev.sundown.events.IdlePolicy;
import dev.sundown.events.PolicyScope;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;

/**
 * Idle policies by scope ({@code global}, {@code domain/<id>}, {@code owner/<domain>/<name>}, {@code jupyter/<target>},
 * {@code app-type/<type>}, {@code image/<image>}), kept on the compacted policy topic. Reads come from the
 * evaluator's copy of that topic, so a write shows up in reads within moments, not instantly.
 */
@Path("/policies")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {

    private final PolicyPublisher publisher;
    private final EvaluatorStores stores;
    private final Clock clock;

    PolicyResource(PolicyPublisher publisher, EvaluatorStores stores, Clock clock) {
        this.publisher = publisher;
        this.stores = stores;
        this.clock = clock;
    }

    @GET
    public List<IdlePolicy> all() {
        return StoredPolicies.read(stores.policies()).values().stream()
                .sorted(Comparator.comparing((IdlePolicy p) -> p.scope().level()).thenComparing(p -> p.scope()
                        .toString()))
                .toList();
    }

    @GET
    @Path("{scope: .+}")
    public Response one(@PathParam("scope") String scopeText) {
        PolicyScope scope = PolicyRequest.scope(scopeText);
        byte[] raw = stores.policies().get(scope.toString());
        IdlePolicy policy = raw == null ? null : StoredPolicies.decode(scope.toString(), raw);
        if (policy == null) {
            return Response.status(404).entity(new Problem("scope", "no policy for scope " + scope)).build();
        }
        return Response.ok(policy).build();
    }

    @PUT
    @Path("{scope: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public IdlePolicy put(@PathParam("scope") String scopeText, JsonNode body,
                          @HeaderParam("X-Sundown-User") String user) {
        IdlePolicy policy = PolicyRequest.parse(scopeText, body, user == null ? "api" : user, clock.instant());
        publisher.publish(policy);
        return policy;
    }

    @DELETE
    @Path("{scope: .+}")
    public Response delete(@PathParam("scope") String scopeText) {
        publisher.delete(PolicyRequest.scope(scopeText));
        return Response.noContent().build();
    }
}
