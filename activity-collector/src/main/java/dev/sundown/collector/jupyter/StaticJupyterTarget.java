package dev.sundown.collector.jupyter;

import dev.sundown.collector.poll.PollTarget;
import dev.sundown.collector.publish.OutgoingEvent;
import dev.sundown.events.AppKey;
import dev.sundown.events.SourceUnobserved;
import dev.sundown.events.Topics;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.time.Instant;
import java.util.List;

/** A self-managed Jupyter server read with its URL and token: the app {@code jupyter/<name>}. */
public final class StaticJupyterTarget implements PollTarget {

    private final String name;
    private final String baseUrl;
    private final String authorization;
    private final WebClient client;
    private final JupyterReader reader;

    public StaticJupyterTarget(String name, String baseUrl, String token, WebClient client, JupyterReader reader) {
        this.name = name;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authorization = token == null ? null : "token " + token;
        this.client = client;
        this.reader = reader;
        AppKey.jupyter(name);
    }

    @Override
    public String source() {
        return "jupyter/" + name;
    }

    @Override
    public Uni<List<OutgoingEvent>> poll(Instant now) {
        return reader.snapshot(client, baseUrl, authorization)
                .map(snapshot -> SnapshotEvents.ofJupyterTarget(name, snapshot, now));
    }

    @Override
    public List<OutgoingEvent> unobserved(String reason, Instant lastObservedAt, Instant attemptedAt) {
        AppKey app = AppKey.jupyter(name);
        return List.of(new OutgoingEvent(Topics.APP_ACTIVITY, app.toString(),
                new SourceUnobserved(app, source(), reason, lastObservedAt, attemptedAt)));
    }
}
