package dev.sundown.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sundown.simulator.config.SimulatorConfig;
import dev.sundown.simulator.faults.FaultInjector;
import dev.sundown.simulator.jupyter.Reply;
import dev.sundown.simulator.records.Recorder;
import dev.sundown.simulator.sagemaker.AwsError;
import dev.sundown.simulator.sagemaker.SageMakerApi;
import dev.sundown.simulator.sns.SnsApi;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/** SageMaker (AWS JSON 1.1 at {@code POST /}) and SNS (AWS Query at {@code POST /sns}, or at {@code POST /} without X-Amz-Target). */
@ApplicationScoped
public class AwsRoutes {

    private static final Logger LOG = Logger.getLogger(AwsRoutes.class);
    private static final String AWS_JSON = "application/x-amz-json-1.1";

    private final SageMakerApi sageMaker;
    private final SnsApi sns;
    private final FaultInjector faults;
    private final Recorder recorder;
    private final Clock clock;
    private final Vertx vertx;
    private final ObjectMapper mapper;
    private final SimulatorConfig config;

    public AwsRoutes(SageMakerApi sageMaker, SnsApi sns, FaultInjector faults, Recorder recorder, Clock clock, Vertx vertx,
            ObjectMapper mapper, SimulatorConfig config) {
        this.sageMaker = sageMaker;
        this.sns = sns;
        this.faults = faults;
        this.recorder = recorder;
        this.clock = clock;
        this.vertx = vertx;
        this.mapper = mapper;
        this.config = config;
    }

    void routes(@Observes Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(4 * 1024 * 1024);
        router.post("/").handler(body).handler(this::root);
        router.post("/sns").handler(body).handler(this::sns);
        router.post("/sns/").handler(body).handler(this::sns);
    }

    private void root(RoutingContext ctx) {
        String target = ctx.request().getHeader("X-Amz-Target");
        String contentType = ctx.request().getHeader("Content-Type");
        if (target == null && contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            sns(ctx);
            return;
        }
        sageMaker(ctx, target);
    }

    private void sageMaker(RoutingContext ctx, String target) {
        Instant received = clock.instant();
        String operation = target != null && target.startsWith("SageMaker.") ? target.substring("SageMaker.".length()) : null;
        if (operation == null || !SageMakerApi.OPERATIONS.contains(operation)) {
            String name = operation != null ? operation : target == null ? "(missing X-Amz-Target)" : target;
            answer(ctx, received, name, null, new AwsError(400, "UnknownOperationException", "Unknown operation " + name));
            return;
        }
        JsonNode request;
        try {
            String text = Http.body(ctx);
            request = text == null || text.isBlank() ? mapper.createObjectNode() : mapper.readTree(text);
        } catch (Exception e) {
            answer(ctx, received, operation, null, new AwsError(400, "SerializationException", "Unable to parse the request body as JSON"));
            return;
        }
        FaultInjector.Decision decision = faults.sagemaker(operation);
        Http.later(vertx, decision.latencyMs(), () -> {
            Instant now = clock.instant();
            switch (decision.kind()) {
                case THROTTLE -> answer(ctx, now, operation, request, new AwsError(400, "ThrottlingException", "Rate exceeded"));
                case ERROR -> answer(ctx, now, operation, request, decision.status() == 503
                        ? new AwsError(503, "ServiceUnavailable", "Service is unavailable")
                        : new AwsError(decision.status(), "InternalFailure", "We encountered an internal error. Please try again."));
                default -> {
                    try {
                        ObjectNode result = sageMaker.handle(operation, request,
                                config.publicUrl().orElseGet(() -> Http.baseUrl(ctx)), now);
                        recorder.call(new Recorder.Call(now, "sagemaker", operation, request, 200, null));
                        // Applied and recorded: an answer delay leaves the caller unaware that its call took effect.
                        Http.later(vertx, decision.answerDelayMs(), () -> {
                            if (!ctx.response().closed()) {
                                ctx.response().setStatusCode(200).putHeader("Content-Type", AWS_JSON)
                                        .putHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                                        .end(result.toString());
                            }
                        });
                    } catch (AwsError e) {
                        answer(ctx, now, operation, request, e);
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "SageMaker %s failed", operation);
                        answer(ctx, now, operation, request, new AwsError(500, "InternalFailure", "We encountered an internal error. Please try again."));
                    }
                }
            }
        });
    }

    private void answer(RoutingContext ctx, Instant now, String operation, JsonNode request, AwsError error) {
        recorder.call(new Recorder.Call(now, "sagemaker", operation, request, error.status(), error.type()));
        ObjectNode body = mapper.createObjectNode();
        body.put("__type", error.type());
        body.put("message", error.getMessage());
        ctx.response().setStatusCode(error.status()).putHeader("Content-Type", AWS_JSON)
                .putHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                .putHeader("x-amzn-ErrorType", error.type() + ":")
                .end(body.toString());
    }

    private void sns(RoutingContext ctx) {
        Map<String, String> form = new LinkedHashMap<>();
        ctx.request().formAttributes().forEach(entry -> form.putIfAbsent(entry.getKey(), entry.getValue()));
        String action = form.getOrDefault("Action", "(missing Action)");
        FaultInjector.Decision decision = faults.sns(action);
        Http.later(vertx, decision.latencyMs(), () -> {
            Instant now = clock.instant();
            Reply reply = switch (decision.kind()) {
                case THROTTLE -> SnsApi.error(new SnsApi.SnsError(429, "Sender", "Throttled", "Rate exceeded"),
                        UUID.randomUUID().toString());
                case ERROR -> SnsApi.error(new SnsApi.SnsError(decision.status(), "Receiver", "InternalError",
                        "Internal error"), UUID.randomUUID().toString());
                default -> sns.handle(form, now);
            };
            ObjectNode logged = mapper.createObjectNode();
            form.forEach((key, value) -> logged.put(key, key.equals("Message") && value.length() > 1024
                    ? value.substring(0, 1024) + "...(" + value.length() + " chars)" : value));
            recorder.call(new Recorder.Call(now, "sns", action, logged, reply.status(),
                    reply.status() == 200 ? null : errorCode(reply.body())));
            Http.write(ctx, reply);
        });
    }

    private static String errorCode(String xml) {
        int start = xml.indexOf("<Code>");
        int end = xml.indexOf("</Code>");
        return start < 0 || end < 0 ? null : xml.substring(start + 6, end);
    }
}
