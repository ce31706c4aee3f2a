package dev.sundown.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.sundown.events.MalformedEventException.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes and reads Sundown's structured-mode CloudEvents. Reading never returns null and never throws
 * anything but {@link MalformedEventException}, whose problem and message say what is wrong.
 */
public final class EventCodec {

    /** Largest record value accepted: Kafka's default max message size. */
    public static final int DEFAULT_MAX_BYTES = 1024 * 1024;

    private static final EventCodec DEFAULT = new EventCodec(DEFAULT_MAX_BYTES);
    private static final List<String> ENVELOPE_REQUIRED = List.of("specversion", "id", "source", "type", "data");

    private final ObjectMapper mapper;
    private final int maxBytes;

    public EventCodec(int maxBytes) {
        this.maxBytes = maxBytes;
        this.mapper = newMapper();
    }

    public static EventCodec standard() {
        return DEFAULT;
    }

    /** The Jackson configuration every Sundown service uses for event JSON: ISO-8601 times, nulls left out. */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public byte[] encode(CloudEvent<?> event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write event " + event.type(), e);
        }
    }

    public String encodeToString(CloudEvent<?> event) {
        return new String(encode(event), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Reads any Sundown event. */
    public CloudEvent<EventData> decode(byte[] value) {
        return decode(value, (Topic) null);
    }

    /**
     * Reads a Sundown event whose type must belong on {@code topic} (null: any Sundown type).
     */
    @SuppressWarnings("unchecked")
    public CloudEvent<EventData> decode(byte[] value, Topic topic) {
        if (value == null || value.length == 0) {
            throw new MalformedEventException(Problem.EMPTY, "record value is empty");
        }
        if (value.length > maxBytes) {
            throw new MalformedEventException(Problem.TOO_LARGE,
                    "record value is " + value.length + " bytes, more than the limit of " + maxBytes);
        }
        JsonNode root;
        try {
            root = mapper.readTree(value);
        } catch (IOException e) {
            throw new MalformedEventException(Problem.NOT_JSON, "record value is not JSON: " + firstLine(e));
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEventException(Problem.NOT_CLOUDEVENT, "record value is JSON but not an object");
        }
        List<String> missing = ENVELOPE_REQUIRED.stream()
                .filter(f -> !root.hasNonNull(f))
                .collect(Collectors.toCollection(ArrayList::new));
        if (!missing.isEmpty()) {
            throw new MalformedEventException(Problem.NOT_CLOUDEVENT,
                    "not a CloudEvent: missing attribute(s) " + String.join(", ", missing));
        }
        String specVersion = root.get("specversion").asText();
        if (!CloudEvent.SPEC_VERSION.equals(specVersion)) {
            throw new MalformedEventException(Problem.UNSUPPORTED_SPEC_VERSION,
                    "CloudEvents specversion '" + specVersion + "' is not supported (expected 1.0)");
        }
        String typeName = root.get("type").asText();
        EventType type = EventType.ofType(typeName);
        if (type == null) {
            throw new MalformedEventException(Problem.UNKNOWN_TYPE, "unknown event type '" + typeName + "'");
        }
        if (topic != null && !topic.types().contains(type)) {
            throw new MalformedEventException(Problem.TYPE_NOT_ALLOWED_ON_TOPIC,
                    "event type '" + typeName + "' does not belong on topic " + topic.name());
        }
        JsonNode dataNode = root.get("data");
        if (!dataNode.isObject()) {
            throw new MalformedEventException(Problem.INVALID_FIELD, "'data' must be a JSON object");
        }
        URI source;
        try {
            source = new URI(root.get("source").asText());
        } catch (URISyntaxException e) {
            throw new MalformedEventException(Problem.INVALID_FIELD, "'source' is not a URI reference");
        }
        Instant time = null;
        if (root.hasNonNull("time")) {
            try {
                time = Instant.parse(root.get("time").asText());
            } catch (DateTimeParseException e) {
                throw new MalformedEventException(Problem.INVALID_FIELD, "'time' is not an RFC 3339 timestamp");
            }
        }
        EventData data = readData(type, dataNode);
        return new CloudEvent<>(specVersion, root.get("id").asText(), source, typeName, time,
                root.hasNonNull("subject") ? root.get("subject").asText() : null,
                root.hasNonNull("datacontenttype") ? root.get("datacontenttype").asText() : CloudEvent.JSON, data);
    }

    /** Reads an event and checks its data is of the expected class. */
    @SuppressWarnings("unchecked")
    public <T extends EventData> CloudEvent<T> decode(byte[] value, Class<T> expected) {
        CloudEvent<EventData> event = decode(value);
        if (!expected.isInstance(event.data())) {
            throw new MalformedEventException(Problem.TYPE_NOT_ALLOWED_ON_TOPIC,
                    "expected " + EventType.ofClass(expected).type() + " but got " + event.type());
        }
        return (CloudEvent<T>) (CloudEvent<?>) event;
    }

    private EventData readData(EventType type, JsonNode dataNode) {
        try {
            return mapper.treeToValue(dataNode, type.dataClass());
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            Problem problem = message.startsWith("missing required field") ? Problem.MISSING_FIELD
                    : Problem.INVALID_FIELD;
            String where = path(e);
            throw new MalformedEventException(problem, type.type() + ": "
                    + (where.isEmpty() || problem == Problem.MISSING_FIELD ? "" : "field '" + where + "': ") + message);
        } catch (InvalidFormatException e) {
            throw new MalformedEventException(Problem.INVALID_FIELD,
                    type.type() + ": field '" + path(e) + "' has an invalid value " + e.getValue());
        } catch (MismatchedInputException e) {
            throw new MalformedEventException(Problem.INVALID_FIELD,
                    type.type() + ": field '" + path(e) + "' has the wrong shape");
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof IllegalArgumentException || cause instanceof DateTimeParseException
                    ? cause.getMessage() : firstLine(e);
            throw new MalformedEventException(Problem.INVALID_FIELD,
                    type.type() + ": field '" + path(e) + "' is invalid: " + why);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(Problem.INVALID_FIELD, type.type() + ": " + firstLine(e));
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String firstLine(Exception e) {
        String m = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
