package dev.sundown.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps docs/events.md true: every topic and type is documented with an example that really decodes. */
class EventsDocTest {

    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

    @Test
    void shouldDocumentEveryTopicAndEveryTypeWithAnExampleThatDecodes() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "events.md"));
        List<String> documentedTypes = new ArrayList<>();

        Matcher m = JSON_BLOCK.matcher(doc);
        while (m.find()) {
            CloudEvent<EventData> event = EventCodec.standard().decode(m.group(1).getBytes(StandardCharsets.UTF_8));
            documentedTypes.add(event.type());
            assertThat(event.subject()).isEqualTo(event.data().subject());
        }

        assertThat(documentedTypes).containsExactlyInAnyOrder(
                java.util.Arrays.stream(EventType.values()).map(EventType::type).toArray(String[]::new));
        for (Topic topic : Topics.all()) {
            assertThat(doc).contains("## `" + topic.name() + "`");
        }
    }
}
