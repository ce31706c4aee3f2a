package dev.sundown.notifier.digest;

import dev.sundown.notifier.domain.DigestReport;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /digest[?from=<instant>&to=<instant>]}: send the results digest now (default: the current period so far). */
@Path("/digest")
public class DigestResource {

    private final DigestService digests;
    private final Clock clock;

    public DigestResource(DigestService digests, Clock clock) {
        this.digests = digests;
        this.clock = clock;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response send(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant start = from == null ? digests.currentPeriodStart() : parse("from", from);
        Instant end = to == null ? clock.instant() : parse("to", to);
        if (!start.isBefore(end)) {
            throw new BadRequestException("'from' must be before 'to'");
        }
        DigestReport r = digests.sendNow(start, end);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", r.from().toString());
        body.put("to", r.to().toString());
        body.put("shutDown", r.shutDown());
        body.put("alreadyGone", r.alreadyGone());
        body.put("skipped", r.skipped());
        body.put("skippedByOutcome", r.skippedByOutcome());
        body.put("failed", r.failed());
        body.put("savedPerHour", r.savedPerHour());
        body.put("savedPerDay", r.savedPerDay());
        return Response.accepted(body).build();
    }

    private static Instant parse(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException("'" + name + "' must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }
}
