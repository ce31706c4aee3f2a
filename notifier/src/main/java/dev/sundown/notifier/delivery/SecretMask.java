package dev.sundown.notifier.delivery;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Removes configured secrets (webhook URLs and their paths, tokens) from any text before it is logged or put in
 * an event. A Slack webhook URL is a credential: whoever has it can post to the channel.
 */
public final class SecretMask {

    public static final String MASK = "***";
    private final List<String> secrets;

    public SecretMask(Collection<String> secrets) {
        List<String> all = new ArrayList<>();
        for (String s : secrets) {
            if (s == null || s.isBlank()) {
                continue;
            }
            all.add(s);
            try {
                URI uri = URI.create(s);
                if (uri.getRawPath() != null && uri.getRawPath().length() > 1) {
                    all.add(uri.getRawPath());
                }
                if (uri.getRawQuery() != null) {
                    all.add(uri.getRawQuery());
                }
            } catch (IllegalArgumentException notAUri) {
                // a token, not a URL: masked as a whole only
            }
        }
        all.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(all);
    }

    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        return out;
    }
}
