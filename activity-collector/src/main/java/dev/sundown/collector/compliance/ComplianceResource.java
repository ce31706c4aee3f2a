package dev.sundown.collector.compliance;

import dev.sundown.collector.config.CollectorConfig;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** {@code POST /compliance/scan}: runs a scan now and answers with its per-domain summaries. */
@Path("/compliance")
public class ComplianceResource {

    private final ComplianceScanner scanner;
    private final CollectorConfig config;

    public ComplianceResource(ComplianceScanner scanner, CollectorConfig config) {
        this.scanner = scanner;
        this.config = config;
    }

    @POST
    @Path("/scan")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> scan() {
        if (!config.studio().enabled()) {
            return Uni.createFrom().item(Response.status(Response.Status.CONFLICT)
                    .entity(Map.of("error", "SageMaker Studio observation is disabled")).build());
        }
        return scanner.scan().map(report -> Response.ok(report).build());
    }
}
