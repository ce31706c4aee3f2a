package dev.sundown.evaluator.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sundown.evaluator.query.Views.Problem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * What is tracked, what is idle, what will be shut down when, and why an app is still running. Lists merge every
 * instance's answer; {@code ?local=true} answers from this instance alone (used between instances).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class QueryResource {

    private final AppQueries queries;
    private final Peers peers;
    private final ObjectMapper mapper;

    QueryResource(AppQueries queries, Peers peers, ObjectMapper mapper) {
        this.queries = queries;
        this.peers = peers;
        this.mapper = mapper;
    }

    @GET
    @Path("apps")
    public JsonNode apps(@QueryParam("local") boolean local) {
        return merge(mapper.valueToTree(queries.apps()), local, "/apps?local=true", null);
    }

    @GET
    @Path("apps/idle")
    public JsonNode idle(@QueryParam("local") boolean local) {
        return merge(mapper.valueToTree(queries.idle()), local, "/apps/idle?local=true", null);
    }

    @GET
    @Path("shutdowns/upcoming")
    public JsonNode upcoming(@QueryParam("local") boolean local, @QueryParam("limit") Integer limit) {
        ArrayNode merged = merge(mapper.valueToTree(queries.upcoming()), local, "/shutdowns/upcoming?local=true",
                "commandAt");
        if (limit != null && limit >= 0 && merged.size() > limit) {
            ArrayNode cut = mapper.createArrayNode();
            for (int i = 0; i < limit; i++) {
                cut.add(merged.get(i));
            }
            return cut;
        }
        return merged;
    }

    @GET
    @Path("apps/{appKey: .+}/explain")
    public Response explain(@PathParam("appKey") String appKey, @QueryParam("local") boolean local) {
        if (!local) {
            Optional<HostInfo> owner = peers.remoteOwnerOf(appKey);
            if (owner.isPresent()) {
                return peers.get(owner.get(), "/apps/" + appKey + "/explain?local=true")
                        .map(body -> Response.ok(body).build())
                        .orElseGet(() -> notTracked(appKey));
            }
        }
        return queries.explain(appKey).map(a -> Response.ok(a).build()).orElseGet(() -> notTracked(appKey));
    }

    private static Response notTracked(String appKey) {
        return Response.status(404).entity(new Problem("appKey", "app '" + appKey + "' is not tracked")).build();
    }

    private ArrayNode merge(ArrayNode mine, boolean local, String path, String sortField) {
        if (local) {
            return mine;
        }
        List<HostInfo> others = peers.others();
        if (others.isEmpty()) {
            return mine;
        }
        List<JsonNode> all = new ArrayList<>();
        mine.forEach(all::add);
        for (HostInfo host : others) {
            peers.get(host, path).ifPresent(nodes -> nodes.forEach(all::add));
        }
        if (sortField != null) {
            all.sort(Comparator.comparing(n -> Instant.parse(n.get(sortField).asText())));
        }
        ArrayNode out = mapper.createArrayNode();
        all.forEach(out::add);
        return out;
    }
}
