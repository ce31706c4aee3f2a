package dev.sundown.notifier.slack;

import dev.sundown.notifier.config.NotifierConfig;
import dev.sundown.notifier.delivery.DeliveryException;
import dev.sundown.notifier.delivery.SecretMask;
import dev.sundown.notifier.domain.Notification;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Slack incoming webhooks through the Vert.x Web Client. Answers: 200 is delivered; 429 waits for
 * {@code Retry-After}; 5xx and connection failures are retried; other 4xx (a revoked webhook, an archived
 * channel, a payload Slack refuses) are not. Errors never carry the webhook URL.
 */
@ApplicationScoped
public class SlackChannel {

    private static final Logger LOG = Logger.getLogger(SlackChannel.class);

    private final NotifierConfig config;
    private final SecretMask mask;
    private final SlackRenderer renderer = new SlackRenderer();
    private final WebClient client;

    public SlackChannel(NotifierConfig config, SecretMask mask, Vertx vertx) {
        this.config = config;
        this.mask = mask;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setUserAgent("sundown-notifier")
                .setFollowRedirects(false)
                .setConnectTimeout((int) config.slack().timeout().toMillis()));
    }

    public boolean enabled() {
        return config.slack().enabled() && config.slack().webhookUrl().isPresent();
    }

    public SlackMessage render(Notification n) {
        SlackMessage m = renderer.render(n);
        List<String> broken = BlockKitLimits.violations(m.payload());
        if (!broken.isEmpty()) {
            LOG.warnf("Slack layout of %s breaks Block Kit limits (%s); sending text only", n.id(), broken);
            m.payload().remove("blocks");
        }
        return m;
    }

    public Uni<Void> post(SlackMessage m) {
        String url = webhookFor(m);
        return Uni.createFrom().deferred(() -> client.postAbs(url)
                        .timeout(config.slack().timeout().toMillis())
                        .putHeader("Content-Type", "application/json")
                        .sendBuffer(Buffer.buffer(m.payload().toString())))
                .onFailure().transform(e -> DeliveryException.retryable(
                        mask.mask("Slack webhook call failed: " + e.getClass().getSimpleName()
                                + (e.getMessage() == null ? "" : " " + e.getMessage()))))
                .onItem().transformToUni(this::check);
    }

    private Uni<Void> check(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Uni.createFrom().voidItem();
        }
        String body = response.bodyAsString();
        String why = "Slack answered HTTP " + status + (body == null || body.isBlank() ? ""
                : ": " + mask.mask(body.length() > 200 ? body.substring(0, 200) : body));
        if (status == 429) {
            return Uni.createFrom().failure(new DeliveryException(why, true,
                    retryAfter(response.getHeader("Retry-After")).orElse(null)));
        }
        return Uni.createFrom().failure(new DeliveryException(why, status >= 500 || status == 408, null));
    }

    static Optional<Duration> retryAfter(String header) {
        if (header == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String webhookFor(SlackMessage m) {
        String perKind = config.slack().webhooks().get(m.kind().wire());
        return perKind != null && !perKind.isBlank() ? perKind : config.slack().webhookUrl().orElseThrow();
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
