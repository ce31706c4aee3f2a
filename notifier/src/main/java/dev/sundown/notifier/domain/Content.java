package dev.sundown.notifier.domain;

import java.util.List;

/**
 * A notification as words, before a channel lays it out: SNS turns it into a plain-text e-mail, Slack into
 * Block Kit. Texts are plain (no markup); channels escape them.
 *
 * @param title        one line, the e-mail subject and the Slack header
 * @param summary      a short paragraph; for a warning it speaks to the owner
 * @param fields       label/value pairs shown side by side on Slack
 * @param itemsHeading what the list is, e.g. {@code New findings}
 * @param items        one line per profile, app or result, each short
 * @param footer       where it came from (scan id, period), small print
 */
public record Content(String title, String summary, List<Field> fields, String itemsHeading, List<String> items,
                      String footer) {
    public Content {
        fields = List.copyOf(fields);
        items = List.copyOf(items);
    }

    public record Field(String label, String value) {
    }
}
