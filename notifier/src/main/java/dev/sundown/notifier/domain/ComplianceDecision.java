package dev.sundown.notifier.domain;

import java.util.List;
import java.util.Optional;

/**
 * What to do with one compliance group.
 *
 * @param notification     the message to send; empty when everything in the group was already reported
 * @param keysToRecord     suppression keys to record once the message is passed on
 * @param keysToForget     keys of problems that are fixed, so a relapse is reported at once
 */
public record ComplianceDecision(Optional<Notification> notification, List<String> keysToRecord,
                                 List<String> keysToForget) {
    public ComplianceDecision {
        keysToRecord = List.copyOf(keysToRecord);
        keysToForget = List.copyOf(keysToForget);
    }
}
