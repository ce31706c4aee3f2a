package dev.sundown.notifier.intake;

import dev.sundown.notifier.delivery.Outbox;
import dev.sundown.notifier.delivery.SentLog;
import dev.sundown.notifier.domain.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Accepts a notification for delivery: unless it was accepted within the suppression window, it is written to
 * the outbox and then its keys to the sent-keys log, both confirmed by the broker before this returns. The
 * caller acknowledges its input record only after that, so a crash before this point replays the input, and a
 * crash after it finds the key and does not accept the notification twice.
 */
@ApplicationScoped
public class Acceptor {

    private static final Logger LOG = Logger.getLogger(Acceptor.class);

    private final Outbox outbox;
    private final SentLog sentLog;

    public Acceptor(Outbox outbox, SentLog sentLog) {
        this.outbox = outbox;
        this.sentLog = sentLog;
    }

    public static String acceptedKey(Notification n) {
        return "accepted|" + n.id();
    }

    /** Blocks until the broker has it; returns false when it was already accepted within the window. */
    public boolean accept(Notification n, Collection<String> alsoRecord) {
        String key = acceptedKey(n);
        if (sentLog.recentlySent(key)) {
            LOG.debugf("notification %s already accepted; not repeated", n.id());
            return false;
        }
        outbox.put(n).join();
        List<String> keys = new ArrayList<>(alsoRecord);
        keys.add(key);
        sentLog.record(keys).join();
        LOG.infof("accepted %s notification %s", n.kind().wire(), n.id());
        return true;
    }
}
