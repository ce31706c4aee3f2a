package dev.sundown.events;

import java.time.Instant;
import java.util.List;

/**
 * Notice sent {@code warnBefore} ahead of a deadline, once per idle period.
 *
 * @param noticeId     deterministic per resource and idle period
 * @param owner        the user profile or space (or target name), for addressing the warning
 * @param ownerContact a contact from the owner's tags (Slack user id or e-mail) when known, else null
 * @param resources    what will stop at the deadline
 */
public record ShutdownWarning(String noticeId, AppKey appKey, String owner, String ownerContact,
                              List<ResourceRef> resources, String instanceType, String image, Instant idleSince,
                              Instant deadline, double estimatedHourlyCost, boolean dryRun,
                              Instant issuedAt) implements EventData {
    public ShutdownWarning {
        Require.text(noticeId, "noticeId");
        Require.present(appKey, "appKey");
        Require.text(owner, "owner");
        resources = Require.listOrEmpty(resources);
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("missing required field 'resources'");
        }
        Require.present(idleSince, "idleSince");
        Require.present(deadline, "deadline");
        Require.present(issuedAt, "issuedAt");
    }

    @Override
    public String subject() {
        return appKey.toString();
    }
}
