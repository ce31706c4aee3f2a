package dev.sundown.notifier.domain;

import dev.sundown.events.ShutdownWarning;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds who to address a warning to: the contact from the owner's tags first, then the configured maps of owner
 * to Slack user id and owner to an SNS topic their e-mail is subscribed to.
 */
public final class Recipients {

    private static final Pattern SLACK_USER = Pattern.compile("[UW][A-Z0-9]{2,}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final Map<String, String> slackUsers;
    private final Map<String, String> emailTopics;

    /**
     * @param slackUsers  owner (profile, space or target) to Slack user id
     * @param emailTopics owner to the ARN of an SNS topic with the owner's e-mail subscribed
     */
    public Recipients(Map<String, String> slackUsers, Map<String, String> emailTopics) {
        this.slackUsers = Map.copyOf(slackUsers);
        this.emailTopics = Map.copyOf(emailTopics);
    }

    public Recipient of(ShutdownWarning warning) {
        String owner = warning.owner();
        String contact = warning.ownerContact() == null ? null : warning.ownerContact().trim();
        String slack = contact != null && SLACK_USER.matcher(contact).matches() ? contact : slackUsers.get(owner);
        String email = contact != null && EMAIL.matcher(contact).matches() ? contact : null;
        return new Recipient(owner, slack, email, emailTopics.get(owner));
    }
}
