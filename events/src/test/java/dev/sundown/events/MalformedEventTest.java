package dev.sundown.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sundown.events.MalformedEventException.Problem;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class MalformedEventTest {

    private final EventCodec codec = EventCodec.standard();

    @Test
    void shouldNameAnEmptyValue() {
        assertMalformed(new byte[0], Problem.EMPTY).hasMessageContaining("empty");
    }

    @Test
    void shouldNameAValueThatIsNotJson() {
        assertMalformed(bytes("this is {not json"), Problem.NOT_JSON).hasMessageStartingWith("record value is not JSON");
    }

    @Test
    void shouldNameJsonThatIsNotAnObject() {
        assertMalformed(bytes("[1,2,3]"), Problem.NOT_CLOUDEVENT);
    }

    @Test
    void shouldNameEveryMissingEnvelopeAttribute() {
        assertMalformed(bytes("{\"specversion\":\"1.0\",\"data\":{}}"), Problem.NOT_CLOUDEVENT)
                .hasMessageContaining("id").hasMessageContaining("source").hasMessageContaining("type");
    }

    @Test
    void shouldRejectAnotherSpecVersion() {
        ObjectNode event = sample(EventType.KERNEL_OBSERVED);
        event.put("specversion", "0.3");
        assertMalformed(event, Problem.UNSUPPORTED_SPEC_VERSION).hasMessageContaining("0.3");
    }

    @Test
    void shouldNameAnUnknownType() {
        ObjectNode event = sample(EventType.KERNEL_OBSERVED);
        event.put("type", "com.example.something.v9");
        assertMalformed(event, Problem.UNKNOWN_TYPE).hasMessageContaining("com.example.something.v9");
    }

    @Test
    void shouldRejectATypeThatDoesNotBelongOnTheTopic() {
        byte[] command = codec.encode(SampleEvents.event(EventType.SHUTDOWN_COMMAND));

        assertThatThrownBy(() -> codec.decode(command, Topics.KERNEL_ACTIVITY))
                .isInstanceOfSatisfying(MalformedEventException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.TYPE_NOT_ALLOWED_ON_TOPIC))
                .hasMessageContaining("sundown.shutdown.command.v1")
                .hasMessageContaining(Topics.KERNEL_ACTIVITY.name());
    }

    @Test
    void shouldNameAMissingRequiredDataField() {
        ObjectNode event = sample(EventType.KERNEL_OBSERVED);
        ((ObjectNode) event.get("data")).remove("kernelId");
        assertMalformed(event, Problem.MISSING_FIELD).hasMessageContaining("'kernelId'");
    }

    @Test
    void shouldNameAMissingNestedField() {
        ObjectNode event = sample(EventType.SHUTDOWN_COMMAND);
        ((ObjectNode) event.get("data").get("resource")).remove("id");
        assertMalformed(event, Problem.MISSING_FIELD).hasMessageContaining("resource.id");
    }

    @Test
    void shouldNameAnInvalidTimestamp() {
        ObjectNode event = sample(EventType.TERMINAL_OBSERVED);
        ((ObjectNode) event.get("data")).put("lastActivity", "yesterday");
        assertMalformed(event, Problem.INVALID_FIELD).hasMessageContaining("lastActivity");
    }

    @Test
    void shouldNameAnInvalidAppKey() {
        ObjectNode event = sample(EventType.KERNEL_OBSERVED);
        ((ObjectNode) event.get("data")).put("appKey", "not-a-key");
        assertMalformed(event, Problem.INVALID_FIELD).hasMessageContaining("appKey").hasMessageContaining("not-a-key");
    }

    @Test
    void shouldNameAnInvalidEnumValue() {
        ObjectNode event = sample(EventType.SHUTDOWN_RESULT);
        ((ObjectNode) event.get("data")).put("outcome", "exploded");
        assertMalformed(event, Problem.INVALID_FIELD).hasMessageContaining("outcome");
    }

    @Test
    void shouldRejectDataThatIsNotAnObject() {
        ObjectNode event = sample(EventType.KERNEL_OBSERVED);
        event.put("data", "kernel");
        assertMalformed(event, Problem.INVALID_FIELD).hasMessageContaining("data");
    }

    @Test
    void shouldRejectAnOversizedValue() {
        EventCodec small = new EventCodec(256);
        byte[] big = codec.encode(SampleEvents.event(EventType.APP_OBSERVED));

        assertThatThrownBy(() -> small.decode(big))
                .isInstanceOfSatisfying(MalformedEventException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.TOO_LARGE))
                .hasMessageContaining("256");
    }

    @Test
    void shouldIgnoreUnknownFieldsInEnvelopeAndData() {
        ObjectNode event = sample(EventType.KERNEL_OBSERVED);
        event.put("traceparent", "00-abc-def-01");
        ((ObjectNode) event.get("data")).put("gpuMemory", 42);

        CloudEvent<EventData> read = codec.decode(bytes(event.toString()));

        assertThat(read.data()).isEqualTo(SampleEvents.of(EventType.KERNEL_OBSERVED));
    }

    @Test
    void shouldReadAnUnknownExecutionStateAsUnknownRatherThanFail() {
        ObjectNode event = sample(EventType.KERNEL_OBSERVED);
        ((ObjectNode) event.get("data")).put("executionState", "pondering");

        KernelObserved read = (KernelObserved) codec.decode(bytes(event.toString())).data();

        assertThat(read.executionState()).isEqualTo(ExecutionState.UNKNOWN);
    }

    @Test
    void shouldRejectTheWrongClassWhenOneIsExpected() {
        byte[] result = codec.encode(SampleEvents.event(EventType.SHUTDOWN_RESULT));

        assertThatThrownBy(() -> codec.decode(result, ShutdownCommand.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("sundown.shutdown.command.v1").hasMessageContaining("sundown.shutdown.result.v1");
    }

    private ObjectNode sample(EventType type) {
        try {
            return (ObjectNode) codec.mapper().readTree(codec.encode(SampleEvents.event(type)));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertMalformed(ObjectNode event, Problem problem) {
        return assertMalformed(bytes(event.toString()), problem);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertMalformed(byte[] value, Problem problem) {
        return assertThatThrownBy(() -> codec.decode(value))
                .isInstanceOfSatisfying(MalformedEventException.class,
                        e -> assertThat(e.problem()).isEqualTo(problem));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
