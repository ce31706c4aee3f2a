package dev.sundown.evaluator.streams;

import static dev.sundown.evaluator.support.Events.KG_APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sundown.evaluator.support.Events;
import dev.sundown.events.EventCodec;
import dev.sundown.events.EventData;
import dev.sundown.events.ExecutionState;
import dev.sundown.events.MalformedEventException;
import dev.sundown.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityDecoderTest {

    private static final Instant T = Instant.parse("2026-01-05T08:00:00Z");
    private final EventCodec codec = EventCodec.standard();
    private final ActivityDecoder decoder = new ActivityDecoder(codec);

    private String kernelJson() {
        return codec.encodeToString(Events.envelope(Events.kernel(KG_APP, "k1", ExecutionState.IDLE, T, T), T));
    }

    @Test
    void shouldReadEveryRecordTheCodecReadsAndRejectEveryOtherAsTheCodecDoes() {
        // given well-formed events and records broken in every way the envelope or the data can be
        String ok = kernelJson();
        List<String> records = List.of(ok,
                codec.encodeToString(Events.envelope(Events.app(KG_APP, List.of("k1"), List.of(), T), T)),
                ok.replace("\"specversion\":\"1.0\",", "\"extension\":{\"a\":[1,2]},\"specversion\":\"1.0\","),
                ok.replace("\"time\":\"" + T + "\"", "\"time\":null"),
                ok.replace("\"specversion\":\"1.0\"", "\"specversion\":\"0.3\""),
                ok.replace("\"specversion\":\"1.0\"", "\"specversion\":1.0"),
                ok.replace("\"specversion\":\"1.0\",", ""),
                ok.replace("\"specversion\":\"1.0\",", "\"specversion\":\"1.0\",\"specversion\":\"0.3\","),
                ok.replace("sundown.kernel.observed.v1", "sundown.unknown.v1"),
                ok.replace("sundown.kernel.observed.v1", "sundown.app.observed.v1"),
                ok.replace("\"time\":\"" + T + "\"", "\"time\":\"yesterday\""),
                ok.replace("\"source\":\"", "\"source\":\"a b "),
                ok.replace("\"kernelId\":\"k1\",", ""),
                ok.replace("\"observedAt\":\"" + T + "\"", "\"observedAt\":\"soon\""),
                ok.replace("\"observedAt\":\"" + T + "\"", "\"observedAt\":\"2026-01-05T10:00:00+02:00\""),
                ok.replace("\"observedAt\":\"" + T + "\"", "\"observedAt\":\"2026-01-05T08:00:00.123456789Z\""),
                ok.replace("\"observedAt\":\"" + T + "\"", "\"observedAt\":\"2026-02-30T08:00:00Z\""),
                ok.replace("\"observedAt\":\"" + T + "\"", "\"observedAt\":1767600000"),
                ok.replace("\"time\":\"" + T + "\"", "\"time\":\"2026-01-05T08:00:00.5+00:00\""),
                ok.replace("\"connections\":0", "\"connections\":\"many\""),
                ok.replace("\"data\":{", "\"data\":[{").replaceFirst("}}$", "}]}"),
                ok.substring(0, ok.length() - 5),
                "[1,2]", "not json", "{}");
        assertThat(records).doesNotHaveDuplicates();

        for (String record : records) {
            byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
            // when the decoder and the codec read it
            Throwable byCodec = catchThrowable(() -> codec.decode(bytes, Topics.KERNEL_ACTIVITY));
            Throwable byDecoder = catchThrowable(() -> decoder.decode(bytes, Topics.KERNEL_ACTIVITY));

            // then both accept it with the same data, or both reject it with the same problem and message
            if (byCodec == null) {
                EventData expected = codec.decode(bytes, Topics.KERNEL_ACTIVITY).data();
                assertThat(byDecoder).as(record).isNull();
                assertThat(decoder.decode(bytes, Topics.KERNEL_ACTIVITY)).as(record).isEqualTo(expected);
            } else {
                assertThat(byDecoder).as(record).isInstanceOf(MalformedEventException.class);
                MalformedEventException c = (MalformedEventException) byCodec;
                MalformedEventException d = (MalformedEventException) byDecoder;
                assertThat(d.problem()).as(record).isEqualTo(c.problem());
                assertThat(d.getMessage()).as(record).isEqualTo(c.getMessage());
            }
        }
    }
}
