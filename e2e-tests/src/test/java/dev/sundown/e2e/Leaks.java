package dev.sundown.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Looks for secrets where they must never be: every service log and every record of every topic of a run. A
 * secret is one of the values the run handed out (tokens, the webhook URL, the AWS secret key), or anything shaped
 * like a session cookie or a presigned login URL.
 */
final class Leaks {

    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("studio_session=[^;\\s\"&]{6,}"),
            Pattern.compile("_xsrf=[^;\\s\"&]{6,}"),
            Pattern.compile("/auth\\?token=[^\\s\"&]{6,}"),
            Pattern.compile("X-XSRFToken: *[^\\s\"]{6,}"),
            Pattern.compile("Authorization: *token +[^\\s\"]{6,}"));

    private Leaks() {
    }

    /** Every place a secret was found, as {@code where: what}; empty when none. */
    static List<String> find(Stack stack) {
        List<String> secrets = stack.secrets();
        List<String> found = new ArrayList<>();
        try (Stream<Path> logs = Files.list(stack.logDir())) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                scan(log.getFileName().toString(), Files.readString(log, StandardCharsets.ISO_8859_1), secrets,
                        found);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String topic : TopicReader.all()) {
            if (topic.startsWith("__")) {
                continue;
            }
            for (ConsumerRecord<String, byte[]> r : TopicReader.readToEnd(topic)) {
                String where = topic + "@" + r.partition() + ":" + r.offset();
                scan(where, (r.key() == null ? "" : r.key()) + "\n"
                        + (r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8)), secrets, found);
            }
        }
        return found;
    }

    private static void scan(String where, String text, List<String> secrets, List<String> found) {
        for (String secret : secrets) {
            if (text.contains(secret)) {
                found.add(where + ": a secret in use (" + secret.substring(0, Math.min(6, secret.length())) + "...)");
            }
        }
        for (Pattern shape : SHAPES) {
            Matcher m = shape.matcher(text);
            if (m.find()) {
                found.add(where + ": " + shape.pattern() + " matched '" + cut(m.group()) + "'");
            }
        }
    }

    private static String cut(String s) {
        return s.length() > 24 ? s.substring(0, 24) + "..." : s;
    }
}
