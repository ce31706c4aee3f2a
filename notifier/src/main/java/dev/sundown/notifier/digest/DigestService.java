package dev.sundown.notifier.digest;

import dev.sundown.notifier.config.NotifierConfig;
import dev.sundown.notifier.delivery.SentLog;
import dev.sundown.notifier.domain.DigestReport;
import dev.sundown.notifier.domain.Digests;
import dev.sundown.notifier.domain.Notification;
import dev.sundown.notifier.intake.Acceptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The results digest: at the end of each period (aligned to the epoch in UTC) the digest of the period that just
 * ended, and on demand the digest of any range. A scheduled digest is accepted once: its key in the sent-keys log
 * survives restarts, and after downtime the missed period is sent at the next check.
 */
@ApplicationScoped
public class DigestService {

    private static final Logger LOG = Logger.getLogger(DigestService.class);

    private final ResultsReader reader;
    private final Acceptor acceptor;
    private final SentLog sentLog;
    private final NotifierConfig config;
    private final Clock clock;
    private volatile Instant lastChecked;

    public DigestService(ResultsReader reader, Acceptor acceptor, SentLog sentLog, NotifierConfig config,
                         Clock clock) {
        this.reader = reader;
        this.acceptor = acceptor;
        this.sentLog = sentLog;
        this.config = config;
        this.clock = clock;
    }

    /** Sends the digest of the period that ended last, unless it was sent already. */
    public void sendScheduledIfDue() {
        if (!config.digest().scheduled() || !sentLog.loaded().isDone()) {
            return;
        }
        Duration period = config.digest().period();
        Instant to = Digests.periodStart(clock.instant(), period);
        if (to.equals(lastChecked)) {
            return;
        }
        Instant from = to.minus(period);
        String scheduledKey = "digest-checked|" + from + "|" + to;
        if (!sentLog.recentlySent(scheduledKey)) {
            DigestReport report = Digests.build(from, to, reader.read(from, to));
            if (report.total() > 0 || config.digest().sendEmpty()) {
                acceptor.accept(Notification.digest(report, null, clock.instant()), List.of(scheduledKey));
            } else {
                LOG.infof("no results from %s to %s; no digest", from, to);
                sentLog.record(List.of(scheduledKey)).join();
            }
        }
        lastChecked = to;
    }

    /** Builds and sends the digest of {@code [from, to)} now. */
    public DigestReport sendNow(Instant from, Instant to) {
        DigestReport report = Digests.build(from, to, reader.read(from, to));
        acceptor.accept(Notification.digest(report, clock.instant(), clock.instant()), List.of());
        return report;
    }

    /** Start of the current period. */
    public Instant currentPeriodStart() {
        return Digests.periodStart(clock.instant(), config.digest().period());
    }
}
