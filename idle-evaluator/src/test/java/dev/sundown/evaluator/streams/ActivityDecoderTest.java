package dev.sundown.evaluator.streams;

import static dev.sundown.evaluator.support.Events.KG_APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sundown.evaluator.support.Events;
import dev.sundown.events.AppKey;
import dev.sundown.events.AppObserved;
import dev.sundown.events.AppType;
import dev.sundown.events.EventCodec;
import dev.sundown.events.EventData;
import dev.sundown.events.ExecutionState;
import dev.sundown.events.KernelObserved;
import dev.sundown.events.MalformedEventException;
import dev.sundown.events.OwnerKind;
import dev.sundown.events.TerminalObserved;
import dev.sundown.events.Topic;
import dev.sundown.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ActivityDecoderTest {

    private static final Instant T = Instant.parse("2026-01-05T08:00:00Z");
    /** Raw JSON values a broken or unusual writer could put in any field of the data. */
    private static final List<String> ODD_VALUES = List.of("null", "\"\"", "\" \"", "0", "-0", "-1", "7", "1.0",
            "1e3", "2.5", "true", "false", "{}", "[]", "{\"a\":[1,{\"b\":null}],\"c\":\"d\"}", "[\"x\",null]",
            "[\"x\",1]", "[1]", "[[\"x\"]]", "2147483647", "2147483648", "-2147483649", "9223372036854775808",
            "12345678901234567890123", "\"42\"", "\"idle\"", "\"BUSY\"", "\"Starting\"", "\"bogus\"", "\"SPACE\"",
            "\"space\"", "\"Space\"", "\"user_profile\"", "\"JUPYTER_TARGET\"", "\"1\"", "\"jupyter/x\"",
            "\"d-1/alice/KernelGateway/a\"", "\"d-1/alice/kernelgateway/a\"", "\"jupyter/\"",
            "\"2026-01-05T08:00:00Z\"", "\"2026-01-05T08:00:00.1234Z\"", "\"2026-01-05T08:00:00.123+00:00\"",
            "\" 2026-01-05T08:00:00Z\"", "\"2026-01-05T08:00:00\"", "1767600000", "\"1767600000\"", "1767600000.5",
            "{\"k\":\"v\"}", "{\"k\":1}", "{\"k\":null}", "{\"k\":\"v\",\"k\":\"w\"}", "{\"k\":{\"v\":\"w\"}}",
            "[\"a\",\"b\"]", "\"\\u00e9\\n\\\"q\\\"\"", "\"\\ud83d\\ude00\"", "\"\\u0000\"");
    private static final List<String> ODD_INSTANTS = List.of("\"2026-01-05T08:00:00.1234Z\"",
            "\"2026-01-05T08:00:00.123+00:00\"", "\"2026-01-05T10:00:00+02:00\"", "\" 2026-01-05T08:00:00Z\"",
            "\"2026-01-05T08:00:00\"", "\"2026-01-05t08:00:00z\"", "\"2026-02-30T08:00:00Z\"",
            "\"2016-12-31T23:59:60Z\"", "\"+12026-01-05T08:00:00Z\"", "1767600000", "1767600000.5", "\"1767600000\"",
            "\"\"", "[2026,1,5]");
    private static final List<String> ODD_STRINGS = List.of("\"\"", "\" \"", "\"\\t\"", "7", "-1.5", "true", "{}",
            "[\"x\"]", "\"\\u00e9\\n\\\"q\\\"\"", "\"\\ud83d\\ude00\"");
    private static final List<String> ODD_LISTS = List.of("[]", "[\"x\",null]", "[null]", "[\"x\",1]", "[true]",
            "[[\"x\"]]", "[{}]", "\"x\"", "{}", "[\"\",\" \"]", "[\"\\u00e9\"]");
    /** Values a broken or unusual writer could put in each field, by name. */
    private static final Map<String, List<String>> ODD_BY_FIELD = Map.ofEntries(
            Map.entry("appKey", List.of("\"\"", "\"jupyter/\"", "\"jupyter/x\"", "\"d-1/alice/kernelgateway/a\"",
                    "\"d-1/alice/KernelGateway/a\"", "\"jupyter/x/y\"", "\"jupyter/a b\"", "7",
                    "{\"domainId\":\"d-1\",\"owner\":\"a\",\"appType\":\"KernelGateway\",\"appName\":\"b\"}")),
            Map.entry("ownerKind", List.of("\"SPACE\"", "\"space\"", "\"Space\"", "\"user_profile\"", "\"SPACE \"",
                    "\"bogus\"", "\"\"", "0", "1", "\"1\"", "true")),
            Map.entry("executionState", List.of("\"idle\"", "\"IDLE\"", "\"Busy\"", "\"bogus\"", "\"\"", "1",
                    "\"1\"", "true", "{}")),
            Map.entry("connections", List.of("\"7\"", "\"\"", "1.0", "2.5", "-3", "1e3", "2147483647", "-2147483648",
                    "2147483648", "-2147483649", "9223372036854775808", "true", "[]", "{}")),
            Map.entry("lastActivity", ODD_INSTANTS), Map.entry("observedAt", ODD_INSTANTS),
            Map.entry("creationTime", ODD_INSTANTS), Map.entry("lastHealthCheck", ODD_INSTANTS),
            Map.entry("lastUserActivity", ODD_INSTANTS),
            Map.entry("kernelIds", ODD_LISTS), Map.entry("terminalNames", ODD_LISTS),
            Map.entry("tags", List.of("{}", "{\"k\":1}", "{\"k\":null}", "{\"k\":true}", "{\"k\":\"v\",\"k\":\"w\"}",
                    "{\"k\":{\"v\":\"w\"}}", "{\"k\":[\"v\"]}", "{\"\":\"\"}", "[]", "\"k=v\"")),
            Map.entry("source", ODD_STRINGS), Map.entry("kernelId", ODD_STRINGS), Map.entry("kernelName", ODD_STRINGS),
            Map.entry("notebookPath", ODD_STRINGS), Map.entry("terminalName", ODD_STRINGS),
            Map.entry("status", ODD_STRINGS), Map.entry("instanceType", ODD_STRINGS), Map.entry("image", ODD_STRINGS));
    /** Names of fields no observation has, and near misses of the names they have. */
    private static final List<String> UNKNOWN_NAMES = List.of("extra", "subject", "inService", "AppKey", "appkey",
            "kernel_id", "Connections", "tag", "", "\u00e9");
    private static final List<String> ELEMENTS = List.of("null", "1", "true", "[]", "{}", "\"\"", "\"\\u00e9\"");
    private static final String[] CHARS = {"a", "Z", "0", "9", "-", "_", ".", "/", " ", "\u00e9", "\u00df", "\"",
        "\\", "\n", "\t", "\u2028", "\ud83d\ude00", "\u4e2d"};
    private static final String SEGMENT_CHARS = "abcxyzABCXYZ0189._-";

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

    @Test
    void shouldReadEveryGeneratedObservationAsTheCodecDoesHoweverItsDataIsWritten() throws Exception {
        // given 200 valid observations of each activity type, as the collector writes them, each also written
        // four times with its data broken or rearranged (fields removed, nulled, reordered, repeated, unknown
        // ones added, values of another JSON type or out of range)
        SplittableRandom random = new SplittableRandom(20261128);
        ObjectMapper mapper = codec.mapper();
        int acceptedMutants = 0;
        int rejectedMutants = 0;
        int fastMutants = 0;
        for (int i = 0; i < 600; i++) {
            EventData valid = switch (i % 3) {
                case 0 -> kernel(random);
                case 1 -> terminal(random);
                default -> app(random);
            };
            Topic topic = switch (i % 3) {
                case 0 -> Topics.KERNEL_ACTIVITY;
                case 1 -> Topics.TERMINAL_ACTIVITY;
                default -> Topics.APP_ACTIVITY;
            };
            String record = codec.encodeToString(Events.envelope(valid, instant(random)));

            // when the decoder reads the valid one, then it takes the fast path and reads what was written
            assertThat(decoder.fast(utf8(record), topic)).as(record).isEqualTo(valid);
            assertThat(readAlike(record, topic)).as(record).isTrue();

            // and when it reads the broken ones, then it accepts and rejects exactly as the codec does
            JsonNode written = mapper.readTree(record);
            for (int m = 0; m < 4; m++) {
                String mutant = mutate(mapper, written, random);
                if (readAlike(mutant, topic)) {
                    acceptedMutants++;
                    fastMutants += decoder.fast(utf8(mutant), topic) != null ? 1 : 0;
                } else {
                    rejectedMutants++;
                }
            }
        }
        // and the mutants were of both kinds, many of them still read by the fast path
        assertThat(acceptedMutants).isGreaterThan(600);
        assertThat(rejectedMutants).isGreaterThan(600);
        assertThat(fastMutants).isGreaterThan(300);
    }

    /** Whether the codec accepts {@code record}, after checking the decoder gives the same data or the same error. */
    private boolean readAlike(String record, Topic topic) {
        byte[] bytes = utf8(record);
        EventData expected = null;
        MalformedEventException byCodec = null;
        try {
            expected = codec.decode(bytes, topic).data();
        } catch (MalformedEventException e) {
            byCodec = e;
        }
        EventData actual = null;
        MalformedEventException byDecoder = null;
        try {
            actual = decoder.decode(bytes, topic);
        } catch (MalformedEventException e) {
            byDecoder = e;
        }
        if (byCodec == null) {
            assertThat(byDecoder).as(record).isNull();
            assertThat(actual).as(record).isEqualTo(expected);
            return true;
        }
        assertThat(byDecoder).as(record).isNotNull();
        assertThat(byDecoder.problem()).as(record).isEqualTo(byCodec.problem());
        assertThat(byDecoder.getMessage()).as(record).isEqualTo(byCodec.getMessage());
        return false;
    }

    /** The event {@code root} with one to three changes to the fields of its data, written as raw JSON text. */
    private static String mutate(ObjectMapper mapper, JsonNode root, SplittableRandom random)
            throws JsonProcessingException {
        List<String[]> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("data").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            fields.add(new String[] {field.getKey(), mapper.writeValueAsString(field.getValue())});
        }
        int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes; c++) {
            int at = random.nextInt(fields.size());
            String[] field = fields.get(at);
            switch (random.nextInt(12)) {
                case 0 -> {
                    if (fields.size() > 1) {
                        fields.remove(at);
                    }
                }
                case 1 -> field[1] = "null";
                case 2 -> Collections.shuffle(fields, new Random(random.nextLong()));
                case 3 -> fields.add(random.nextInt(fields.size() + 1), field.clone());
                case 4 -> fields.add(random.nextInt(fields.size() + 1),
                        new String[] {field[0], pick(ODD_VALUES, random)});
                case 5 -> fields.add(random.nextInt(fields.size() + 1),
                        new String[] {mapper.writeValueAsString(pick(UNKNOWN_NAMES, random)).replace("\"", ""),
                            pick(ODD_VALUES, random)});
                case 6 -> field[1] = pick(ODD_BY_FIELD.getOrDefault(field[0], ODD_VALUES), random);
                case 7 -> field[1] = field[1].startsWith("\"") ? pick(List.of("42", "true", "1.5", "[]"), random)
                        : mapper.writeValueAsString(field[1]);
                case 8 -> {
                    // an element added to a list, or an entry added to the tags
                    String[] container = fields.stream().filter(f -> f[1].startsWith("[") || f[1].startsWith("{"))
                            .findAny().orElse(field);
                    String raw = container[1];
                    String element = pick(ELEMENTS, random);
                    if (raw.equals("[]")) {
                        container[1] = "[" + element + "]";
                    } else if (raw.startsWith("[")) {
                        container[1] = raw.substring(0, raw.length() - 1) + "," + element + "]";
                    } else if (raw.startsWith("{")) {
                        String entry = "\"" + (random.nextBoolean() ? "k" : "team") + "\":" + element;
                        container[1] = raw.equals("{}") ? "{" + entry + "}"
                                : raw.substring(0, raw.length() - 1) + "," + entry + "}";
                    } else {
                        container[1] = pick(ODD_VALUES, random);
                    }
                }
                case 9 -> field[1] = pick(List.of("\"\"", "\" \"", "\"\\u00e9\\\"\"", "0", "null"), random);
                default -> field[1] = pick(ODD_BY_FIELD.getOrDefault(field[0], ODD_VALUES), random);
            }
        }
        StringBuilder data = new StringBuilder("{");
        for (String[] field : fields) {
            data.append(data.length() == 1 ? "" : ",").append('"').append(field[0]).append("\":").append(field[1]);
        }
        data.append('}');
        StringBuilder out = new StringBuilder("{");
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> attribute = it.next();
            out.append(out.length() == 1 ? "" : ",").append(mapper.writeValueAsString(attribute.getKey())).append(':')
                    .append(attribute.getKey().equals("data") ? data : mapper.writeValueAsString(attribute.getValue()));
        }
        return out.append('}').toString();
    }

    private static KernelObserved kernel(SplittableRandom random) {
        ExecutionState[] states = ExecutionState.values();
        return new KernelObserved(appKey(random), text(random), text(random), maybe(text(random), random),
                maybe(states[random.nextInt(states.length)], random),
                random.nextBoolean() ? random.nextInt(4) : random.nextInt(), instant(random),
                maybe(text(random), random), instant(random));
    }

    private static TerminalObserved terminal(SplittableRandom random) {
        return new TerminalObserved(appKey(random), text(random), text(random), instant(random), instant(random));
    }

    private static AppObserved app(SplittableRandom random) {
        OwnerKind[] kinds = OwnerKind.values();
        Map<String, String> tags = new HashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            tags.put(pick(List.of("sundown:exempt", "sundown:slack-user", "team", ""), random) + text(random),
                    random.nextBoolean() ? "" : text(random));
        }
        return new AppObserved(appKey(random), text(random), kinds[random.nextInt(kinds.length)], text(random),
                maybe(text(random), random), maybe(text(random), random), maybe(instant(random), random),
                maybe(instant(random), random), maybe(instant(random), random), maybe(texts(random), random),
                maybe(texts(random), random), maybe(tags, random), instant(random));
    }

    private static AppKey appKey(SplittableRandom random) {
        if (random.nextInt(4) == 0) {
            return AppKey.jupyter(segment(random));
        }
        AppType[] types = AppType.values();
        return AppKey.studio("d-" + segment(random), segment(random), types[1 + random.nextInt(types.length - 1)],
                segment(random));
    }

    private static String segment(SplittableRandom random) {
        StringBuilder s = new StringBuilder().append((char) ('a' + random.nextInt(26)));
        for (int i = random.nextInt(12); i > 0; i--) {
            s.append(SEGMENT_CHARS.charAt(random.nextInt(SEGMENT_CHARS.length())));
        }
        return s.toString();
    }

    /** Never blank: it starts with a letter; then anything JSON must escape, and letters outside ASCII. */
    private static String text(SplittableRandom random) {
        StringBuilder s = new StringBuilder().append((char) ('a' + random.nextInt(26)));
        for (int i = random.nextInt(10); i > 0; i--) {
            s.append(CHARS[random.nextInt(CHARS.length)]);
        }
        return s.toString();
    }

    private static List<String> texts(SplittableRandom random) {
        List<String> texts = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            texts.add(text(random));
        }
        return texts;
    }

    /** Between 2020 and 2033, to the second, milli, micro or nanosecond. */
    private static Instant instant(SplittableRandom random) {
        int nanos = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(1_600_000_000L + random.nextLong(400_000_000L), nanos);
    }

    private static <T> T maybe(T value, SplittableRandom random) {
        return random.nextInt(4) == 0 ? null : value;
    }

    private static <T> T pick(List<T> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
