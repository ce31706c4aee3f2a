package dev.sundown.simulator.slack;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sundown.simulator.config.SimulatorConfig;
import dev.sundown.simulator.faults.FaultInjector;
import dev.sundown.simulator.http.Http;
import dev.sundown.simulator.jupyter.Reply;
import dev.sundown.simulator.records.Recorder;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;

/** Slack incoming webhooks at {@code POST <simulator.slack.path-prefix>/<anything>}. */
@ApplicationScoped
public class SlackRoutes {

    private final SlackReceiver receiver;
    private final FaultInjector faults;
    private final Recorder recorder;
    private final Clock clock;
    private final Vertx vertx;
    private final String prefix;

    public SlackRoutes(SlackReceiver receiver, FaultInjector faults, Recorder recorder, Clock clock, Vertx vertx,
            SimulatorConfig config) {
        this.receiver = receiver;
        this.faults = faults;
        this.recorder = recorder;
        this.clock = clock;
        this.vertx = vertx;
        this.prefix = config.slack().pathPrefix().replaceAll("/+$", "");
    }

    void routes(@Observes Router router) {
        router.post(prefix + "/*").handler(BodyHandler.create(false).setBodyLimit(1024 * 1024)).handler(this::receive);
    }

    private void receive(RoutingContext ctx) {
        String webhook = String.join("/", Http.segments(ctx.request().path(), prefix));
        String contentType = ctx.request().getHeader("Content-Type");
        String body = contentType != null && contentType.startsWith("application/x-www-form-urlencoded")
                ? ctx.request().getFormAttribute("payload") : Http.body(ctx);
        FaultInjector.Decision decision = faults.slack();
        Http.later(vertx, decision.latencyMs(), () -> {
            Instant now = clock.instant();
            Reply reply = switch (decision.kind()) {
                case RATE_LIMIT -> SlackReceiver.text(429, "rate_limited")
                        .withHeader("Retry-After", Integer.toString(decision.retryAfterSeconds()));
                case ERROR -> SlackReceiver.text(500, "internal_error");
                default -> receiver.receive(webhook, body, now);
            };
            ObjectNode logged = JsonNodeFactory.instance.objectNode();
            logged.put("webhook", webhook);
            recorder.call(new Recorder.Call(now, "slack", "Post", logged, reply.status(),
                    reply.status() == 200 ? null : reply.body()));
            Http.write(ctx, reply);
        });
    }
}
