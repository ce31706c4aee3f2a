package dev.sundown.evaluator.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sundown.evaluator.config.EvaluatorConfig;
import dev.sundown.evaluator.streams.EvaluatorTopology;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.StreamsMetadata;

/**
 * The other evaluator instances of the same application id, found through Kafka Streams metadata
 * ({@code application.server}), and HTTP forwarding of queries to them.
 */
@ApplicationScoped
public class Peers {

    private final KafkaStreams streams;
    private final HostInfo self;
    private final ObjectMapper mapper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Peers(KafkaStreams streams, ObjectMapper mapper, EvaluatorConfig config) {
        this.streams = streams;
        this.mapper = mapper;
        this.self = HostInfo.buildFromEndpoint(config.applicationServer());
    }

    /** Instances other than this one (none when this instance is alone). */
    public List<HostInfo> others() {
        List<HostInfo> all = streams.metadataForAllStreamsClients().stream().map(StreamsMetadata::hostInfo)
                .distinct().toList();
        if (all.size() <= 1) {
            return List.of();
        }
        return all.stream().filter(h -> !h.equals(self)).toList();
    }

    /** The instance that owns {@code appKey} when it is not this one. */
    public Optional<HostInfo> remoteOwnerOf(String appKey) {
        KeyQueryMetadata meta = streams.queryMetadataForKey(EvaluatorTopology.APP_STORE, appKey,
                Serdes.String().serializer());
        if (meta == null || meta == KeyQueryMetadata.NOT_AVAILABLE || meta.activeHost().equals(self)
                || others().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(meta.activeHost());
    }

    /** GETs {@code pathAndQuery} from a peer; empty when it answers 404. */
    public Optional<JsonNode> get(HostInfo host, String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port()
                + pathAndQuery)).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("instance " + host + " answered " + response.statusCode());
            }
            return Optional.of(mapper.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException("instance " + host + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + host, e);
        }
    }
}
