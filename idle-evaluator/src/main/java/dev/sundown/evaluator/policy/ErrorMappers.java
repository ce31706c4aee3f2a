package dev.sundown.evaluator.policy;

import dev.sundown.evaluator.query.Views.Problem;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** JSON error bodies: 400 naming the field for a rejected policy, 503 while state stores are not queryable. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response invalid(PolicyRequest.Invalid e) {
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(new Problem(e.field(), e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response notReady(InvalidStateStoreException e) {
        return Response.status(503).type(MediaType.APPLICATION_JSON)
                .entity(new Problem(null, "state stores are not queryable yet (starting or rebalancing)")).build();
    }

    @ServerExceptionMapper
    public Response unreadableBody(com.fasterxml.jackson.core.JsonProcessingException e) {
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(new Problem("body", "not valid JSON: " + e.getOriginalMessage())).build();
    }
}
