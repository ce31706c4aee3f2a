package dev.sundown.collector.poll;

import dev.sundown.collector.jupyter.UnexpectedReplyException;
import io.vertx.core.http.HttpClosedException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * Why a source could not be read. The reason is safe to publish and log: it never carries a URL, a token or
 * a cookie.
 */
public class ReadFailure extends RuntimeException {

    /** What kind of failure, for metrics and for the compliance scan's reasons. */
    public enum Kind { UNREACHABLE, TIMEOUT, HTTP_ERROR, UNEXPECTED_REPLY, SESSION_EXPIRED, LOGIN_FAILED, CONTROL_PLANE }

    private final Kind kind;

    public ReadFailure(Kind kind, String reason) {
        super(reason, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public String reason() {
        return getMessage();
    }

    /** A safe description of any failure met while reading {@code part} (e.g. {@code /api/kernels}). */
    public static ReadFailure of(Throwable t, String part) {
        Throwable c = t;
        while (c.getCause() != null && !(c instanceof ReadFailure) && !(c instanceof UnexpectedReplyException)
                && !(c instanceof TimeoutException) && !(c instanceof ConnectException)) {
            c = c.getCause();
        }
        if (c instanceof ReadFailure rf) {
            return rf;
        }
        if (c instanceof UnexpectedReplyException u) {
            return new ReadFailure(Kind.UNEXPECTED_REPLY, u.getMessage());
        }
        if (c instanceof TimeoutException || c instanceof io.netty.handler.timeout.TimeoutException
                || c instanceof io.vertx.core.impl.NoStackTraceTimeoutException
                || String.valueOf(c.getMessage()).contains("timeout")) {
            return new ReadFailure(Kind.TIMEOUT, part + ": timed out");
        }
        if (c instanceof ConnectException) {
            return new ReadFailure(Kind.UNREACHABLE, part + ": connection refused");
        }
        if (c instanceof UnknownHostException) {
            return new ReadFailure(Kind.UNREACHABLE, part + ": unknown host");
        }
        if (c instanceof HttpClosedException) {
            return new ReadFailure(Kind.UNREACHABLE, part + ": connection closed by the server");
        }
        if (c instanceof java.io.IOException) {
            return new ReadFailure(Kind.UNREACHABLE, part + ": " + c.getClass().getSimpleName());
        }
        return new ReadFailure(Kind.UNREACHABLE, part + ": " + c.getClass().getSimpleName());
    }
}
