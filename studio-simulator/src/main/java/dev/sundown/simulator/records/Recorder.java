package dev.sundown.simulator.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Everything the simulator received that tests and the demo want to read back. Bounded; oldest entries go first. */
public final class Recorder {

    /** One call to a simulated service (SageMaker operation, SNS action, Slack post, Jupyter or Studio mutation). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Call(Instant time, String service, String operation, JsonNode request, int status, String errorType) {
    }

    /** One accepted SNS Publish. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SnsMessage(Instant time, String messageId, String topicArn, String subject, String message,
            String messageStructure, Map<String, Map<String, String>> attributes) {
    }

    /** One accepted Slack webhook post. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SlackMessage(Instant time, String webhook, String text, JsonNode payload) {
    }

    private final int limit;
    private final Deque<Call> calls = new ArrayDeque<>();
    private final Deque<SnsMessage> sns = new ArrayDeque<>();
    private final Deque<SlackMessage> slack = new ArrayDeque<>();

    public Recorder(int limit) {
        this.limit = limit;
    }

    public void call(Call call) {
        add(calls, call);
    }

    public void sns(SnsMessage message) {
        add(sns, message);
    }

    public void slack(SlackMessage message) {
        add(slack, message);
    }

    public List<Call> calls(Predicate<Call> filter) {
        return select(calls, filter);
    }

    public List<SnsMessage> snsMessages(Predicate<SnsMessage> filter) {
        return select(sns, filter);
    }

    public List<SlackMessage> slackMessages(Predicate<SlackMessage> filter) {
        return select(slack, filter);
    }

    public synchronized void clear() {
        calls.clear();
        sns.clear();
        slack.clear();
    }

    private synchronized <T> void add(Deque<T> items, T item) {
        items.addLast(item);
        while (items.size() > limit) {
            items.removeFirst();
        }
    }

    private synchronized <T> List<T> select(Deque<T> items, Predicate<T> filter) {
        List<T> result = new ArrayList<>();
        for (T item : items) {
            if (filter.test(item)) {
                result.add(item);
            }
        }
        return result;
    }
}
