package dev.sundown.evaluator.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantsTest {

    @Test
    void shouldReadEveryInstantAsJavaDoesWhateverItsPrecision() {
        // given 20,000 random instants between 1970 and 2200, written as Sundown writes them and with every
        // fraction length from 1 to 9 digits
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(7_258_118_400L), random.nextInt(1_000_000_000));
            String written = instant.toString();
            int digits = 1 + random.nextInt(9);
            String truncated = written.substring(0, 20) + String.format("%09d", instant.getNano()).substring(0, digits)
                    + "Z";

            // when read, then the same instant as Instant.parse reads
            assertThat(IsoInstants.parse(written)).isEqualTo(Instant.parse(written));
            assertThat(IsoInstants.parse(truncated)).isEqualTo(Instant.parse(truncated));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-05T08:00:00Z", "2026-02-28T23:59:59.999999999Z", "2024-02-29T00:00:00.1Z"})
    void shouldReadTheEdgesOfTheForm(String text) {
        assertThat(IsoInstants.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T08:00:00Z", "2025-02-29T08:00:00Z", "2026-13-01T08:00:00Z",
        "2026-01-05T24:00:00Z", "2026-01-05T08:60:00Z", "2026-01-05T23:59:60Z", "2026-01-05T08:00:00.Z",
        "2026-01-05T08:00:00.1234567890Z", "2026-01-05T08:00:00+00:00", "2026-01-05 08:00:00Z",
        "2026-01-05T08:00:00", "+2026-01-05T08:00:00Z", "2026-1-05T08:00:00Z", "2026-01-05T08:00:0xZ", ""})
    void shouldLeaveEveryOtherFormToTheCodec(String text) {
        assertThat(IsoInstants.parse(text)).isNull();
    }
}
