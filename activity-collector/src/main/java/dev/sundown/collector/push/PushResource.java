package dev.sundown.collector.push;

import dev.sundown.collector.config.CollectorConfig;
import dev.sundown.collector.jupyter.JupyterReplies;
import dev.sundown.collector.jupyter.ServerSnapshot;
import dev.sundown.collector.jupyter.SnapshotEvents;
import dev.sundown.collector.jupyter.UnexpectedReplyException;
import dev.sundown.collector.poll.ObservationLedger;
import dev.sundown.collector.publish.EventPublisher;
import dev.sundown.collector.publish.OutgoingEvent;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * {@code POST /push/{target}}: an agent inside a Jupyter server posts the same snapshot a poll would read.
 * Answers 202 when published; 401 without credentials, 403 for a wrong token or unknown target, 413 when
 * larger than the limit, 400 with the reason when the snapshot is not valid, 404 when push is disabled.
 */
@Path("/push")
public class PushResource {

    private static final Logger LOG = Logger.getLogger(PushResource.class);

    private final PushTargets targets;
    private final CollectorConfig config;
    private final EventPublisher publisher;
    private final ObservationLedger ledger;
    private final Clock clock;

    public PushResource(PushTargets targets, CollectorConfig config, EventPublisher publisher,
                        ObservationLedger ledger, Clock clock) {
        this.targets = targets;
        this.config = config;
        this.publisher = publisher;
        this.ledger = ledger;
        this.clock = clock;
    }

    @POST
    @Path("/{target}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> push(@PathParam("target") String target, @HeaderParam("Authorization") String authorization,
                              byte[] body) {
        if (!targets.enabled()) {
            return Uni.createFrom().item(error(Response.Status.NOT_FOUND, "push is disabled"));
        }
        switch (targets.check(target, authorization)) {
            case MISSING_CREDENTIALS:
                return Uni.createFrom().item(Response.status(Response.Status.UNAUTHORIZED)
                        .header("WWW-Authenticate", "Bearer")
                        .entity(Map.of("error", "missing credentials: send Authorization: Bearer <token>"))
                        .type(MediaType.APPLICATION_JSON).build());
            case REJECTED:
                return Uni.createFrom().item(error(Response.Status.FORBIDDEN, "token not accepted for this target"));
            default:
                break;
        }
        int size = body == null ? 0 : body.length;
        if (size > config.push().maxBytes()) {
            return Uni.createFrom().item(error(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "snapshot is " + size + " bytes, more than the limit of " + config.push().maxBytes()));
        }
        ServerSnapshot snapshot;
        try {
            snapshot = JupyterReplies.snapshot(body == null ? "" : new String(body, StandardCharsets.UTF_8));
        } catch (UnexpectedReplyException e) {
            LOG.debugf("rejected a push for %s: %s", target, e.getMessage());
            return Uni.createFrom().item(error(Response.Status.BAD_REQUEST, e.getMessage()));
        }
        Instant now = clock.instant();
        List<OutgoingEvent> events = SnapshotEvents.ofJupyterTarget(target, snapshot, now);
        return publisher.publish(events, now)
                .invoke(() -> ledger.observed("jupyter/" + target, now))
                .map(v -> Response.accepted(Map.of(
                        "kernels", snapshot.kernels().size(),
                        "terminals", snapshot.terminals().size(),
                        "events", events.size())).type(MediaType.APPLICATION_JSON).build());
    }

    private static Response error(Response.Status status, String reason) {
        return Response.status(status).entity(Map.of("error", reason)).type(MediaType.APPLICATION_JSON).build();
    }
}
