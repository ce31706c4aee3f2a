package dev.sundown.evaluator.streams;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.sundown.events.CloudEvent;
import dev.sundown.events.EventCodec;
import dev.sundown.events.EventData;
import dev.sundown.events.EventType;
import dev.sundown.events.MalformedEventException;
import dev.sundown.events.Topic;
import java.net.URI;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Reads the data of an incoming event in one streaming pass, binding {@code data} straight to its class, instead of
 * building a JSON tree of the whole envelope first. It accepts exactly what {@link EventCodec#decode(byte[], Topic)}
 * accepts: anything it is not sure about (a missing or repeated attribute, an attribute of an unexpected JSON type,
 * {@code data} before {@code type}, any error) is handed to the codec, which reads it again and throws the
 * {@link MalformedEventException} that says what is wrong.
 */
final class ActivityDecoder {

    private static final int SPEC = 1;
    private static final int ID = 2;
    private static final int SOURCE = 4;
    private static final int TYPE = 8;
    private static final int TIME = 16;
    private static final int DATA = 32;
    private static final int REQUIRED = SPEC | ID | SOURCE | TYPE | DATA;

    private final EventCodec codec;
    private final ObjectMapper mapper = fastMapper();
    private final Map<EventType, ObjectReader> readers = new EnumMap<>(EventType.class);
    /** The last {@code source} that is a URI reference: nearly every record carries the same one. */
    private String lastSource;

    ActivityDecoder(EventCodec codec) {
        this.codec = codec;
    }

    /**
     * The codec's mapper, reading instants in Sundown's own form only, and refusing a number or a boolean where text
     * is expected: the codec reads such a record again, and its text for a number (read through a JSON tree) is not
     * the one a streaming read gives.
     */
    private static ObjectMapper fastMapper() {
        ObjectMapper mapper = EventCodec.newMapper()
                .registerModule(new SimpleModule().addDeserializer(Instant.class, new IsoInstants.Deserializer()));
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** The event's data; throws {@link MalformedEventException} exactly as the codec does. */
    EventData decode(byte[] value, Topic topic) {
        EventData data = value == null || value.length == 0 || value.length > EventCodec.DEFAULT_MAX_BYTES ? null
                : fast(value, topic);
        return data != null ? data : codec.decode(value, topic).data();
    }

    /** The data when the record is surely a valid event for {@code topic}, else null. */
    EventData fast(byte[] value, Topic topic) {
        try (JsonParser p = mapper.getFactory().createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            int seen = 0;
            int present = 0;
            String specVersion = null;
            String source = null;
            String type = null;
            String time = null;
            EventData data = null;
            JsonToken token;
            while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                boolean isNull = v == JsonToken.VALUE_NULL;
                int bit = switch (name) {
                    case "specversion" -> SPEC;
                    case "id" -> ID;
                    case "source" -> SOURCE;
                    case "type" -> TYPE;
                    case "time" -> TIME;
                    case "data" -> DATA;
                    default -> 0;
                };
                if (bit == 0) {
                    p.skipChildren();
                    continue;
                }
                if ((seen & bit) != 0) {
                    return null; // repeated attribute: leave it to the codec
                }
                seen |= bit;
                if (isNull) {
                    continue;
                }
                present |= bit;
                if (bit == ID) {
                    p.skipChildren();
                    continue;
                }
                if (bit == DATA) {
                    EventType eventType = type == null ? null : EventType.ofType(type);
                    if (v != JsonToken.START_OBJECT || eventType == null
                            || (topic != null && !topic.types().contains(eventType))) {
                        return null;
                    }
                    data = readers.computeIfAbsent(eventType, t -> mapper.readerFor(t.dataClass())).readValue(p);
                    continue;
                }
                if (v != JsonToken.VALUE_STRING) {
                    return null;
                }
                switch (bit) {
                    case SPEC -> specVersion = p.getText();
                    case SOURCE -> source = p.getText();
                    case TYPE -> type = p.getText();
                    default -> time = p.getText();
                }
            }
            if (token != JsonToken.END_OBJECT || (present & REQUIRED) != REQUIRED || data == null
                    || !CloudEvent.SPEC_VERSION.equals(specVersion)) {
                return null;
            }
            if (!source.equals(lastSource)) {
                new URI(source);
                lastSource = source;
            }
            if (time != null && IsoInstants.parse(time) == null) {
                return null;
            }
            return data;
        } catch (Exception e) {
            return null; // the codec reads it again and says what is wrong
        }
    }
}
