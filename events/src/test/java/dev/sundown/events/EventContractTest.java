package dev.sundown.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventContractTest {

    private final EventCodec codec = EventCodec.standard();
    private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldWriteDataThatMatchesItsJsonSchema(EventType type) throws Exception {
        JsonNode written = codec.mapper().readTree(codec.encode(SampleEvents.event(type)));

        Set<ValidationMessage> errors = schema(type).validate(written.get("data"));

        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldRejectDataWithoutItsRequiredFieldsInTheSchema(EventType type) throws Exception {
        JsonNode schemaNode = codec.mapper().readTree(getClass().getResourceAsStream(type.schemaResource()));
        JsonNode written = codec.mapper().readTree(codec.encode(SampleEvents.event(type)));
        String firstRequired = schemaNode.get("required").get(0).asText();
        ((com.fasterxml.jackson.databind.node.ObjectNode) written.get("data")).remove(firstRequired);

        assertThat(schema(type).validate(written.get("data"))).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldWriteAStructuredModeCloudEventEnvelope(EventType type) throws Exception {
        JsonNode written = codec.mapper().readTree(codec.encode(SampleEvents.event(type)));

        assertThat(written.get("specversion").asText()).isEqualTo("1.0");
        assertThat(written.get("type").asText()).isEqualTo(type.type());
        assertThat(written.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(written.get("time").asText()).isEqualTo("2026-11-28T10:00:00Z");
        assertThat(written.get("source").asText()).isEqualTo("/sundown/test");
        assertThat(written.get("subject").asText()).isNotBlank();
        assertThat(written.get("data").isObject()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldReadBackEqualEventOfEveryType(EventType type) {
        CloudEvent<EventData> original = SampleEvents.event(type);

        CloudEvent<EventData> read = codec.decode(codec.encode(original));

        assertThat(read).isEqualTo(original);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldBelongToExactlyOneTopic(EventType type) {
        assertThat(Topics.all()).filteredOn(t -> t.types().contains(type)).hasSize(1);
    }

    private JsonSchema schema(EventType type) throws Exception {
        try (InputStream in = getClass().getResourceAsStream(type.schemaResource())) {
            assertThat(in).as("schema %s", type.schemaResource()).isNotNull();
            return schemas.getSchema(in);
        }
    }
}
