package dev.sundown.executor.jupyter;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/** How requests reach one Jupyter server: a static server with a token, or Studio's front door with a session. */
public interface JupyterAccess {

    /**
     * Sends a request to {@code path} (relative to the server's base, starting with {@code /api/}) with the
     * credentials of this access. Fails with a {@link dev.sundown.executor.domain.CallFailure} when the server
     * cannot be reached; any HTTP status is returned as a response.
     */
    Uni<HttpResponse<Buffer>> send(HttpMethod method, String path);

    /** A name for logs and results, never a URL with credentials: e.g. {@code jupyter/lab1}. */
    String name();
}
