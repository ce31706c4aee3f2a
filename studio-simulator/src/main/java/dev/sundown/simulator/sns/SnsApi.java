package dev.sundown.simulator.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sundown.simulator.jupyter.Reply;
import dev.sundown.simulator.records.Recorder;
import dev.sundown.simulator.world.WorldBuilder;
import dev.sundown.simulator.world.WorldStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** Amazon SNS over the AWS Query protocol: form requests, XML replies, the real limits and error codes. */
public final class SnsApi {

    public static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";
    /** 256 KiB: message plus attribute names, types and values. */
    public static final int MAX_PUBLISH_BYTES = 262_144;
    public static final int MAX_SUBJECT_CHARS = 100;
    private static final int TOPICS_PAGE = 100;
    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}(\\.fifo)?");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A client error in SNS's shape. */
    public static final class SnsError extends RuntimeException {
        private final int status;
        private final String type;
        private final String code;

        public SnsError(int status, String type, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.type = type;
            this.code = code;
        }

        static SnsError invalid(String message) {
            return new SnsError(400, "Sender", "InvalidParameter", message);
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }

        public String type() {
            return type;
        }
    }

    private final WorldStore store;
    private final Recorder recorder;
    private final boolean autoCreateTopics;

    public SnsApi(WorldStore store, Recorder recorder, boolean autoCreateTopics) {
        this.store = store;
        this.recorder = recorder;
        this.autoCreateTopics = autoCreateTopics;
    }

    /** @param form the decoded form fields of the request */
    public Reply handle(Map<String, String> form, Instant now) {
        String action = form.get("Action");
        String requestId = UUID.randomUUID().toString();
        try {
            if (action == null) {
                throw new SnsError(400, "Sender", "MissingAction", "Missing Action");
            }
            String result = switch (action) {
                case "CreateTopic" -> createTopic(form);
                case "ListTopics" -> listTopics(form);
                case "GetTopicAttributes" -> getTopicAttributes(form);
                case "DeleteTopic" -> deleteTopic(form);
                case "Publish" -> publish(form, now);
                default -> throw new SnsError(400, "Sender", "InvalidAction",
                        "The action " + action + " is not valid for this endpoint.");
            };
            return xml(200, "<" + action + "Response xmlns=\"" + NAMESPACE + "\">\n"
                    + (result.isEmpty() ? "" : "  <" + action + "Result>\n" + result + "  </" + action + "Result>\n")
                    + "  <ResponseMetadata>\n    <RequestId>" + requestId + "</RequestId>\n  </ResponseMetadata>\n"
                    + "</" + action + "Response>\n");
        } catch (SnsError e) {
            return error(e, requestId);
        }
    }

    public static Reply error(SnsError e, String requestId) {
        return xml(e.status(), "<ErrorResponse xmlns=\"" + NAMESPACE + "\">\n  <Error>\n    <Type>" + e.type()
                + "</Type>\n    <Code>" + e.code() + "</Code>\n    <Message>" + escape(e.getMessage())
                + "</Message>\n  </Error>\n  <RequestId>" + requestId + "</RequestId>\n</ErrorResponse>\n");
    }

    private String createTopic(Map<String, String> form) {
        String name = form.get("Name");
        if (name == null || !TOPIC_NAME.matcher(name).matches()) {
            throw SnsError.invalid("Invalid parameter: Topic Name");
        }
        String arn = store.write(world -> {
            String topic = WorldBuilder.topicArn(world, name);
            world.snsTopics().add(topic);
            return topic;
        });
        return "    <TopicArn>" + escape(arn) + "</TopicArn>\n";
    }

    private String listTopics(Map<String, String> form) {
        List<String> topics = store.read(world -> new ArrayList<>(world.snsTopics()));
        int offset = 0;
        String token = form.get("NextToken");
        if (token != null && !token.isEmpty()) {
            try {
                offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw SnsError.invalid("Invalid parameter: NextToken");
            }
        }
        StringBuilder out = new StringBuilder("    <Topics>\n");
        int end = Math.min(topics.size(), offset + TOPICS_PAGE);
        for (String topic : topics.subList(Math.min(offset, end), end)) {
            out.append("      <member>\n        <TopicArn>").append(escape(topic)).append("</TopicArn>\n      </member>\n");
        }
        out.append("    </Topics>\n");
        if (end < topics.size()) {
            out.append("    <NextToken>").append(Base64.getUrlEncoder().encodeToString(
                    Integer.toString(end).getBytes(StandardCharsets.UTF_8))).append("</NextToken>\n");
        }
        return out.toString();
    }

    private String getTopicAttributes(Map<String, String> form) {
        String arn = existingTopic(form.get("TopicArn"));
        String account = arn.split(":")[4];
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("TopicArn", arn);
        attributes.put("Owner", account);
        attributes.put("DisplayName", "");
        attributes.put("SubscriptionsConfirmed", "0");
        attributes.put("SubscriptionsPending", "0");
        StringBuilder out = new StringBuilder("    <Attributes>\n");
        attributes.forEach((key, value) -> out.append("      <entry>\n        <key>").append(key)
                .append("</key>\n        <value>").append(escape(value)).append("</value>\n      </entry>\n"));
        return out.append("    </Attributes>\n").toString();
    }

    private String deleteTopic(Map<String, String> form) {
        String arn = form.get("TopicArn");
        store.update(world -> world.snsTopics().remove(arn));
        return "";
    }

    private String publish(Map<String, String> form, Instant now) {
        String topic = form.get("TopicArn") != null ? form.get("TopicArn") : form.get("TargetArn");
        if (topic == null) {
            throw SnsError.invalid("Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter");
        }
        String message = form.get("Message");
        if (message == null) {
            throw new SnsError(400, "Sender", "ValidationError",
                    "1 validation error detected: Value null at 'message' failed to satisfy constraint: Member must not be null");
        }
        if (message.isEmpty()) {
            throw SnsError.invalid("Invalid parameter: Empty message");
        }
        String subject = form.get("Subject");
        if (subject != null && !validSubject(subject)) {
            throw SnsError.invalid("Invalid parameter: Subject");
        }
        Map<String, Map<String, String>> attributes = attributes(form);
        long size = message.getBytes(StandardCharsets.UTF_8).length;
        for (Map.Entry<String, Map<String, String>> attribute : attributes.entrySet()) {
            size += attribute.getKey().getBytes(StandardCharsets.UTF_8).length;
            for (String value : attribute.getValue().values()) {
                size += value.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        if (size > MAX_PUBLISH_BYTES) {
            throw SnsError.invalid("Invalid parameter: Message too long");
        }
        String structure = form.get("MessageStructure");
        if (structure != null) {
            checkStructure(structure, message);
        }
        String arn = existingTopic(topic);
        String messageId = UUID.randomUUID().toString();
        recorder.sns(new Recorder.SnsMessage(now, messageId, arn, subject, message, structure, attributes));
        return "    <MessageId>" + messageId + "</MessageId>\n";
    }

    private String existingTopic(String arn) {
        return store.write(world -> {
            if (arn == null || !world.snsTopics().contains(arn)) {
                if (autoCreateTopics && arn != null && arn.startsWith("arn:aws:sns:")) {
                    world.snsTopics().add(arn);
                    return arn;
                }
                throw new SnsError(404, "Sender", "NotFound", "Topic does not exist");
            }
            return arn;
        });
    }

    /** SNS subjects: 1 to 100 printable ASCII characters, starting with a letter, digit or punctuation mark. */
    static boolean validSubject(String subject) {
        if (subject.isEmpty() || subject.length() > MAX_SUBJECT_CHARS || subject.charAt(0) == ' ') {
            return false;
        }
        for (int i = 0; i < subject.length(); i++) {
            char c = subject.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static void checkStructure(String structure, String message) {
        if (!structure.equals("json")) {
            throw SnsError.invalid("Invalid parameter: MessageStructure");
        }
        JsonNode body;
        try {
            body = JSON.readTree(message);
        } catch (Exception e) {
            throw SnsError.invalid("Invalid parameter: Message Structure - JSON message body failed to parse");
        }
        if (body == null || !body.isObject() || !body.path("default").isTextual()) {
            throw SnsError.invalid("Invalid parameter: Message Structure - No default entry in JSON message body");
        }
    }

    private static Map<String, Map<String, String>> attributes(Map<String, String> form) {
        Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
        for (int i = 1; form.containsKey("MessageAttributes.entry." + i + ".Name"); i++) {
            String prefix = "MessageAttributes.entry." + i + ".";
            String name = form.get(prefix + "Name");
            String type = form.get(prefix + "Value.DataType");
            if (type == null || !(type.startsWith("String") || type.startsWith("Number") || type.startsWith("Binary"))) {
                throw new SnsError(400, "Sender", "ParameterValueInvalid", "The message attribute '" + name
                        + "' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.");
            }
            Map<String, String> value = new LinkedHashMap<>();
            value.put("DataType", type);
            if (form.get(prefix + "Value.StringValue") != null) {
                value.put("StringValue", form.get(prefix + "Value.StringValue"));
            }
            if (form.get(prefix + "Value.BinaryValue") != null) {
                value.put("BinaryValue", form.get(prefix + "Value.BinaryValue"));
            }
            if (value.size() == 1) {
                throw new SnsError(400, "Sender", "ParameterValueInvalid",
                        "The message attribute '" + name + "' must contain non-empty message attribute value.");
            }
            attributes.put(name, value);
        }
        return attributes;
    }

    private static Reply xml(int status, String body) {
        return new Reply(status, "text/xml", body, Map.of());
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
