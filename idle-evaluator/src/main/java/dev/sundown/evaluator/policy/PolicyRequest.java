package dev.sundown.evaluator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sundown.events.IdlePolicy;
import dev.sundown.events.PolicyScope;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;

/**
 * Turns a {@code PUT /policies/{scope}} body into an {@link IdlePolicy}, or says which field is wrong and why.
 * Durations are ISO-8601 ({@code PT30M}); absent fields inherit from less specific scopes.
 */
public final class PolicyRequest {

    private static final Set<String> FIELDS = Set.of("idleLimit", "warnBefore", "exempt", "terminalsKeepAlive",
            "ignoreConnections", "shutdownKernelsIndividually", "dryRun", "updatedBy", "scope", "updatedAt");

    /** A rejected field and the reason. */
    public static final class Invalid extends RuntimeException {
        private final String field;

        public Invalid(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private PolicyRequest() {
    }

    public static PolicyScope scope(String text) {
        try {
            return PolicyScope.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Invalid("scope", e.getMessage());
        }
    }

    public static IdlePolicy parse(String scopeText, JsonNode body, String user, Instant now) {
        PolicyScope scope = scope(scopeText);
        if (body == null || !body.isObject()) {
            throw new Invalid("body", "must be a JSON object");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                throw new Invalid(name, "unknown field; known fields are " + String.join(", ", FIELDS.stream()
                        .sorted().toList()));
            }
        }
        if (body.hasNonNull("scope") && !scope.toString().equals(body.get("scope").asText())) {
            throw new Invalid("scope", "body scope '" + body.get("scope").asText() + "' differs from the path scope '"
                    + scope + "'");
        }
        Duration idleLimit = duration(body, "idleLimit");
        Duration warnBefore = duration(body, "warnBefore");
        if (idleLimit != null && (idleLimit.isZero() || idleLimit.isNegative())) {
            throw new Invalid("idleLimit", "must be positive");
        }
        if (warnBefore != null && warnBefore.isNegative()) {
            throw new Invalid("warnBefore", "must not be negative");
        }
        if (idleLimit != null && warnBefore != null && warnBefore.compareTo(idleLimit) >= 0) {
            throw new Invalid("warnBefore", "must be shorter than idleLimit (" + idleLimit + ")");
        }
        String updatedBy = body.hasNonNull("updatedBy") ? body.get("updatedBy").asText() : user;
        try {
            return new IdlePolicy(scope, idleLimit, warnBefore, bool(body, "exempt"),
                    bool(body, "terminalsKeepAlive"), bool(body, "ignoreConnections"),
                    bool(body, "shutdownKernelsIndividually"), bool(body, "dryRun"), updatedBy, now);
        } catch (IllegalArgumentException e) {
            throw new Invalid("body", e.getMessage());
        }
    }

    private static Duration duration(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new Invalid(field, "must be an ISO-8601 duration string such as \"PT30M\"");
        }
        try {
            return Duration.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw new Invalid(field, "'" + node.asText() + "' is not an ISO-8601 duration such as \"PT30M\"");
        }
    }

    private static Boolean bool(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw new Invalid(field, "must be true or false");
        }
        return node.asBoolean();
    }
}
