package dev.sundown.evaluator.streams;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sundown.evaluator.domain.AppState;
import dev.sundown.events.EventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** JSON serde of the app-state store (and its changelog). */
public final class AppStateSerde implements Serde<AppState> {

    private static final ObjectMapper MAPPER = EventCodec.newMapper();

    @Override
    public Serializer<AppState> serializer() {
        return (topic, state) -> {
            if (state == null) {
                return null;
            }
            try {
                return MAPPER.writeValueAsBytes(state);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write app state", e);
            }
        };
    }

    @Override
    public Deserializer<AppState> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return MAPPER.readValue(bytes, AppState.class);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read app state", e);
            }
        };
    }
}
