package dev.sundown.simulator.studio;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Studio's login: one-time tokens in presigned URLs, and the sessions (cookie + {@code _xsrf}) they open.
 * Thread-safe; secrets never leave this class except towards the client that owns them.
 */
public final class FrontDoor {

    /** What a presigned URL grants: a profile, optionally one of its spaces. */
    public record Grant(String domainId, String userProfileName, String spaceName) {
    }

    private record LoginToken(Grant grant, Instant expiresAt, Duration sessionDuration) {
    }

    /** An open Studio session. */
    public record Session(String id, String xsrf, Grant grant, Instant expiresAt) {

        public boolean validAt(Instant now) {
            return now.isBefore(expiresAt);
        }
    }

    /** What a request without a valid session gets. */
    public enum Unauthenticated { FORBIDDEN, REDIRECT }

    private final SecureRandom random = new SecureRandom();
    private volatile Unauthenticated unauthenticated = Unauthenticated.FORBIDDEN;
    private final Optional<Duration> sessionDurationOverride;
    private final Map<String, LoginToken> tokens = new LinkedHashMap<>();
    private final Map<String, Session> sessions = new LinkedHashMap<>();

    public FrontDoor(Optional<Duration> sessionDurationOverride) {
        this.sessionDurationOverride = sessionDurationOverride;
    }

    /** @return a one-time token valid for {@code urlLifetime} that opens a session of {@code sessionDuration} */
    public synchronized String issue(Grant grant, Duration urlLifetime, Duration sessionDuration, Instant now) {
        dropExpiredTokens(now);
        String token = secret();
        tokens.put(token, new LoginToken(grant, now.plus(urlLifetime), sessionDurationOverride.orElse(sessionDuration)));
        return token;
    }

    /** Redeems a token once: a second use, or a use after it expired, opens nothing. */
    public synchronized Optional<Session> redeem(String token, Instant now) {
        if (token == null) {
            return Optional.empty();
        }
        LoginToken login = tokens.remove(token);
        if (login == null || !now.isBefore(login.expiresAt())) {
            return Optional.empty();
        }
        Session session = new Session(secret(), secret(), login.grant(), now.plus(login.sessionDuration()));
        sessions.put(session.id(), session);
        return Optional.of(session);
    }

    /** The session with that cookie value while it is valid. */
    public synchronized Optional<Session> session(String id, Instant now) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        if (!session.validAt(now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    /** Ends the matching sessions now; returns how many ended. */
    public synchronized int expire(Predicate<Grant> which) {
        int ended = 0;
        for (Iterator<Session> it = sessions.values().iterator(); it.hasNext();) {
            if (which.test(it.next().grant())) {
                it.remove();
                ended++;
            }
        }
        return ended;
    }

    public Unauthenticated unauthenticated() {
        return unauthenticated;
    }

    public void unauthenticated(Unauthenticated mode) {
        unauthenticated = mode;
    }

    public synchronized void clear() {
        tokens.clear();
        sessions.clear();
    }

    private void dropExpiredTokens(Instant now) {
        tokens.values().removeIf(login -> !now.isBefore(login.expiresAt()));
    }

    private String secret() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
