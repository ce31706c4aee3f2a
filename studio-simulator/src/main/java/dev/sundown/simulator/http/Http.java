package dev.sundown.simulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sundown.simulator.jupyter.Reply;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Small helpers shared by the route adapters. */
public final class Http {

    private Http() {
    }

    public static void write(RoutingContext ctx, Reply reply) {
        var response = ctx.response().setStatusCode(reply.status());
        reply.headers().forEach(response::putHeader);
        if (reply.contentType() != null) {
            response.putHeader("Content-Type", reply.contentType());
        }
        if (reply.body() == null) {
            response.end();
        } else {
            response.end(reply.body());
        }
    }

    public static void json(RoutingContext ctx, ObjectMapper mapper, int status, Object body) {
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }

    /** Runs {@code action} after {@code millis} without blocking the event loop. */
    public static void later(Vertx vertx, long millis, Runnable action) {
        if (millis <= 0) {
            action.run();
        } else {
            vertx.setTimer(millis, id -> action.run());
        }
    }

    /** The decoded path segments after {@code prefix}; empty segments are dropped. */
    public static List<String> segments(String rawPath, String prefix) {
        String rest = rawPath.length() > prefix.length() ? rawPath.substring(prefix.length()) : "";
        List<String> segments = new ArrayList<>();
        for (String part : rest.split("/")) {
            if (!part.isEmpty()) {
                segments.add(URLDecoder.decode(part, StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    /** The URL the client used to reach us (scheme and Host header). */
    public static String baseUrl(RoutingContext ctx) {
        String host = ctx.request().getHeader("Host");
        if (host == null) {
            host = ctx.request().localAddress().host() + ":" + ctx.request().localAddress().port();
        }
        return ctx.request().scheme() + "://" + host;
    }

    public static String body(RoutingContext ctx) {
        return ctx.body() == null ? null : ctx.body().asString();
    }
}
