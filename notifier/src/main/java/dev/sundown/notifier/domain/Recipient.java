package dev.sundown.notifier.domain;

/**
 * Who a notification is addressed to. All-null fields (see {@link #admin()}) mean the admin channels.
 *
 * @param owner        the user profile, space or target the notification is about, when it has one
 * @param slackUserId  the owner's Slack user id, for a {@code <@U…>} mention; null when unknown
 * @param email        the owner's e-mail from a tag, shown in the message; null when unknown
 * @param snsTopicArn  an SNS topic the owner's e-mail is subscribed to; null means the admin topic
 */
public record Recipient(String owner, String slackUserId, String email, String snsTopicArn) {

    public static Recipient admin() {
        return new Recipient(null, null, null, null);
    }

    /** True when some owner contact is known, so the message speaks to the owner rather than to the admins. */
    public boolean ownerReachable() {
        return slackUserId != null || snsTopicArn != null;
    }
}
