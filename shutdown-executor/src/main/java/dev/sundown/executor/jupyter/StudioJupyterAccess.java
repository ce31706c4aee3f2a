package dev.sundown.executor.jupyter;

import dev.sundown.events.OwnerKind;
import dev.sundown.executor.domain.CallFailure;
import dev.sundown.executor.sagemaker.SageMakerApps;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Jupyter server of one Studio user profile or space, reached through Studio's front door: a presigned login
 * URL from {@code CreatePresignedDomainUrl}, followed with a cookie jar; state-changing calls carry the
 * {@code _xsrf} cookie's value as {@code X-XSRFToken}. An expired session (403, a redirect, or an HTML login page)
 * is replaced by a fresh login once. Cookies and the presigned URL never leave this class.
 */
public final class StudioJupyterAccess implements JupyterAccess {

    private static final int MAX_REDIRECTS = 5;

    private final WebClient web;
    private final SageMakerApps sageMaker;
    private final String domainId;
    private final OwnerKind ownerKind;
    private final String owner;
    private final String basePath;
    private final Duration timeout;
    private volatile Session session;

    /** A logged-in session: the origin of the Studio front door and the cookies it set. */
    record Session(String base, Map<String, String> cookies) {
        String cookieHeader() {
            return cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                    .collect(Collectors.joining("; "));
        }
    }

    public StudioJupyterAccess(WebClient web, SageMakerApps sageMaker, String domainId, OwnerKind ownerKind,
                               String owner, String basePath, Duration timeout) {
        this.web = web;
        this.sageMaker = sageMaker;
        this.domainId = domainId;
        this.ownerKind = ownerKind;
        this.owner = owner;
        this.basePath = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "studio/" + domainId + "/" + owner;
    }

    @Override
    public Uni<HttpResponse<Buffer>> send(HttpMethod method, String path) {
        Session current = session;
        Uni<Session> ready = current != null ? Uni.createFrom().item(current) : login();
        return ready.chain(s -> request(s, method, path)).chain(response -> {
            if (!expired(response)) {
                return Uni.createFrom().item(response);
            }
            session = null;
            return login().chain(fresh -> request(fresh, method, path)).map(again -> {
                if (expired(again)) {
                    session = null;
                    throw new CallFailure(CallFailure.Kind.PERMANENT, name()
                            + ": Studio rejected a fresh session (HTTP " + again.statusCode() + ")");
                }
                return again;
            });
        });
    }

    private Uni<HttpResponse<Buffer>> request(Session s, HttpMethod method, String path) {
        HttpRequest<Buffer> request = web.requestAbs(method, s.base() + basePath + path)
                .followRedirects(false)
                .putHeader("Accept", "application/json")
                .timeout(timeout.toMillis());
        if (!s.cookies().isEmpty()) {
            request.putHeader("Cookie", s.cookieHeader());
        }
        String xsrf = s.cookies().get("_xsrf");
        if (method != HttpMethod.GET && xsrf != null) {
            request.putHeader("X-XSRFToken", xsrf);
        }
        return request.send().onFailure().transform(e -> HttpFailures.of(name(), e));
    }

    private Uni<Session> login() {
        return sageMaker.presignedUrl(domainId, ownerKind, owner)
                .chain(url -> follow(URI.create(url), new LinkedHashMap<>(), 0)
                        .map(cookies -> new Session(origin(URI.create(url)), Map.copyOf(cookies))))
                .invoke(s -> session = s);
    }

    private Uni<Map<String, String>> follow(URI url, Map<String, String> cookies, int hops) {
        HttpRequest<Buffer> request = web.requestAbs(HttpMethod.GET, url.toString())
                .followRedirects(false)
                .timeout(timeout.toMillis());
        if (!cookies.isEmpty()) {
            request.putHeader("Cookie", new Session("", cookies).cookieHeader());
        }
        return request.send()
                .onFailure().transform(e -> HttpFailures.of(name() + " login", e))
                .chain(response -> {
                    for (String setCookie : response.cookies()) {
                        keepCookie(setCookie, cookies);
                    }
                    int status = response.statusCode();
                    String location = response.getHeader("Location");
                    if (status >= 300 && status < 400 && location != null) {
                        if (hops >= MAX_REDIRECTS) {
                            return Uni.createFrom().failure(new CallFailure(CallFailure.Kind.PERMANENT,
                                    name() + ": Studio login redirected too often"));
                        }
                        return follow(url.resolve(location), cookies, hops + 1);
                    }
                    if (status >= 200 && status < 300) {
                        return Uni.createFrom().item(cookies);
                    }
                    CallFailure.Kind kind = CallFailure.ofHttpStatus(status) == CallFailure.Kind.RETRYABLE
                            ? CallFailure.Kind.RETRYABLE : CallFailure.Kind.PERMANENT;
                    return Uni.createFrom().failure(new CallFailure(kind,
                            name() + ": Studio login failed (HTTP " + status + ")"));
                });
    }

    /** A session Studio no longer accepts: 403, a redirect to its login page, or the login page itself. */
    static boolean expired(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status == 403 || (status >= 300 && status < 400)) {
            return true;
        }
        String type = response.getHeader("Content-Type");
        return status >= 200 && status < 300 && type != null && type.toLowerCase().startsWith("text/html");
    }

    static void keepCookie(String setCookie, Map<String, String> cookies) {
        int semicolon = setCookie.indexOf(';');
        String pair = semicolon < 0 ? setCookie : setCookie.substring(0, semicolon);
        int equals = pair.indexOf('=');
        if (equals <= 0) {
            return;
        }
        String name = pair.substring(0, equals).trim();
        String value = pair.substring(equals + 1).trim();
        if (value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2) {
            value = value.substring(1, value.length() - 1);
        }
        String attributes = semicolon < 0 ? "" : setCookie.substring(semicolon).toLowerCase();
        if (value.isEmpty() || attributes.contains("max-age=0")) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }

    private static String origin(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority();
    }
}
