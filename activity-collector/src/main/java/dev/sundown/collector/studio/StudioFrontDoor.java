package dev.sundown.collector.studio;

import dev.sundown.collector.jupyter.JupyterReader;
import dev.sundown.collector.jupyter.JupyterReplies;
import dev.sundown.collector.jupyter.SnapshotEvents;
import dev.sundown.collector.poll.PollTarget;
import dev.sundown.collector.poll.ReadFailure;
import dev.sundown.collector.publish.OutgoingEvent;
import dev.sundown.events.AppKey;
import dev.sundown.events.AppType;
import dev.sundown.events.OwnerKind;
import io.netty.handler.codec.http.cookie.Cookie;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.client.WebClientSession;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.SageMakerAsyncClient;

/**
 * The Jupyter server of one Studio user profile or space, read through its front door: a presigned login
 * ({@code CreatePresignedDomainUrl}, then the authorized URL with a cookie-keeping session), then the Jupyter
 * API and Studio's {@code /sagemaker/api/apps}. An expired session (403 or an HTML login page) is renewed once
 * per poll. Presigned URLs and cookies never leave this class.
 */
public final class StudioFrontDoor implements PollTarget {

    private static final int MAX_LOGIN_REDIRECTS = 5;

    /** What the front door needs to know about its owner; refreshed every control-plane cycle. */
    public record Owner(String domainId, OwnerKind kind, String name, String loginProfile, AppKey serverApp,
                        List<AppKey> apps, Function<AppKey, Map<String, String>> tagsOf) {
    }

    private record Session(WebClientSession http, String base, String xsrf) {
    }

    private final SageMakerAsyncClient sagemaker;
    private final WebClient client;
    private final JupyterReader reader;
    private final String jupyterPath;
    private final String jupyterlabPath;
    private final Duration sessionDuration;
    private final Duration timeout;
    private final Supplier<Owner> owner;
    private final RecentDeletions deletions;
    private volatile Session session;
    private volatile int logins;

    public StudioFrontDoor(SageMakerAsyncClient sagemaker, WebClient client, JupyterReader reader, String jupyterPath,
                           String jupyterlabPath, Duration sessionDuration, Duration timeout, Supplier<Owner> owner,
                           RecentDeletions deletions) {
        this.jupyterlabPath = strip(jupyterlabPath);
        this.sagemaker = sagemaker;
        this.client = client;
        this.reader = reader;
        this.jupyterPath = strip(jupyterPath);
        this.sessionDuration = sessionDuration;
        this.timeout = timeout;
        this.owner = owner;
        this.deletions = deletions;
    }

    public static String source(String domainId, String ownerName) {
        return "studio/" + domainId + "/" + ownerName;
    }

    @Override
    public String source() {
        Owner o = owner.get();
        return source(o.domainId(), o.name());
    }

    /** Logins made so far (first login and renewals). */
    public int logins() {
        return logins;
    }

    @Override
    public Uni<List<OutgoingEvent>> poll(Instant now) {
        Owner o = owner.get();
        Session current = session;
        Uni<Session> ready = current != null ? Uni.createFrom().item(current) : login(o);
        boolean fresh = current == null;
        return ready.flatMap(s -> read(s, o, now))
                .onFailure(t -> !fresh && t instanceof ReadFailure rf && rf.kind() == ReadFailure.Kind.SESSION_EXPIRED)
                .recoverWithUni(() -> {
                    session = null;
                    return login(o).flatMap(s -> read(s, o, now));
                })
                .map(events -> deletions.observations(events, now));
    }

    @Override
    public List<OutgoingEvent> unobserved(String reason, Instant lastObservedAt, Instant attemptedAt) {
        Owner o = owner.get();
        return deletions.reports(ControlPlaneEvents.unobserved(o.apps(), source(), reason, lastObservedAt,
                attemptedAt));
    }

    private Uni<List<OutgoingEvent>> read(Session s, Owner o, Instant now) {
        return Uni.combine().all().unis(
                        reader.snapshot(s.http(), s.base(), null),
                        reader.get(s.http(), s.base(), "/sagemaker/api/apps", null, JupyterReplies::studioApps))
                .asTuple()
                .map(t -> SnapshotEvents.ofStudioServer(o.serverApp(), o.kind(), t.getItem1(), t.getItem2(),
                        o.tagsOf(), now));
    }

    private Uni<Session> login(Owner o) {
        if (o.loginProfile() == null) {
            return Uni.createFrom().failure(new ReadFailure(ReadFailure.Kind.LOGIN_FAILED,
                    "login failed: the space has no owner profile to log in with"));
        }
        return Uni.createFrom().completionStage(() -> sagemaker.createPresignedDomainUrl(r -> {
                    r.domainId(o.domainId()).userProfileName(o.loginProfile())
                            .sessionExpirationDurationInSeconds((int) Math.max(1800, sessionDuration.toSeconds()))
                            .expiresInSeconds(60);
                    if (o.kind() == OwnerKind.SPACE) {
                        r.spaceName(o.name());
                    }
                }))
                .onFailure().transform(t -> new ReadFailure(ReadFailure.Kind.LOGIN_FAILED,
                        "login failed: CreatePresignedDomainUrl " + awsError(t)))
                .flatMap(resp -> {
                    URI authorized = URI.create(resp.authorizedUrl());
                    WebClientSession http = WebClientSession.create(client);
                    return follow(http, authorized, 0).map(last -> {
                        String base = origin(authorized)
                                + (o.serverApp().appType() == AppType.JupyterLab ? jupyterlabPath : jupyterPath);
                        Session s = new Session(http, base, xsrf(http, authorized));
                        session = s;
                        logins++;
                        return s;
                    });
                });
    }

    /** GETs the authorized URL and same-origin redirects, keeping every cookie set on the way. */
    private Uni<HttpResponse<Buffer>> follow(WebClientSession http, URI url, int hops) {
        return http.getAbs(url.toString()).followRedirects(false).timeout(timeout.toMillis()).send()
                .ifNoItem().after(timeout).failWith(() -> new ReadFailure(ReadFailure.Kind.LOGIN_FAILED,
                        "login failed: no answer within " + timeout.toMillis() + " ms"))
                .onFailure(t -> !(t instanceof ReadFailure)).transform(t -> new ReadFailure(
                        ReadFailure.Kind.LOGIN_FAILED, "login failed: " + ReadFailure.of(t, "login").reason()))
                .flatMap(resp -> {
                    int status = resp.statusCode();
                    if (status >= 300 && status < 400 && resp.getHeader("Location") != null) {
                        URI next = url.resolve(resp.getHeader("Location"));
                        if (hops >= MAX_LOGIN_REDIRECTS || !origin(next).equals(origin(url))) {
                            return Uni.createFrom().failure(new ReadFailure(ReadFailure.Kind.LOGIN_FAILED,
                                    "login failed: unexpected redirect"));
                        }
                        return follow(http, next, hops + 1);
                    }
                    if (status >= 400) {
                        return Uni.createFrom().failure(new ReadFailure(ReadFailure.Kind.LOGIN_FAILED,
                                "login failed: HTTP " + status));
                    }
                    return Uni.createFrom().item(resp);
                });
    }

    private static String xsrf(WebClientSession http, URI url) {
        for (Cookie c : http.cookieStore().get("https".equals(url.getScheme()), url.getHost(), "/")) {
            if ("_xsrf".equals(c.name())) {
                return c.value();
            }
        }
        return null;
    }

    private static String strip(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String origin(URI u) {
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }

    private static String awsError(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && !(c instanceof AwsServiceException)) {
            c = c.getCause();
        }
        if (c instanceof AwsServiceException e && e.awsErrorDetails() != null) {
            return e.awsErrorDetails().errorCode() + " (HTTP " + e.statusCode() + ")";
        }
        return c.getClass().getSimpleName();
    }
}
