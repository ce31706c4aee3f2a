package dev.sundown.simulator.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sundown.simulator.support.Aws;
import dev.sundown.simulator.support.Simulator;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.Topic;

@QuarkusTest
class SnsApiTest {

    static final String DEMO_TOPIC = "arn:aws:sns:us-east-1:123456789012:sundown-alerts";

    @TestHTTPResource("/")
    URL url;
    @Inject
    Vertx vertx;

    Simulator simulator;
    SnsClient sns;

    @BeforeEach
    void setUp() {
        simulator = new Simulator(vertx, url);
        simulator.reset();
        sns = Aws.sns(simulator.baseUrl());
    }

    @AfterEach
    void tearDown() {
        sns.close();
        simulator.close();
    }

    @Test
    void shouldCreateListAndPublishAndRecordWhatWasPublished() {
        String arn = sns.createTopic(r -> r.name("sundown-compliance")).topicArn();

        String messageId = sns.publish(r -> r.topicArn(arn).subject("Sundown: 2 profiles not covered")
                .message("{\"profiles\":[\"ivan\",\"judy\"]}")
                .messageAttributes(Map.of("eventType", MessageAttributeValue.builder().dataType("String")
                        .stringValue("sundown.compliance.v1").build(), "count", MessageAttributeValue.builder()
                        .dataType("Number").stringValue("2").build()))).messageId();

        assertThat(arn).isEqualTo("arn:aws:sns:us-east-1:123456789012:sundown-compliance");
        assertThat(sns.listTopics().topics()).extracting(Topic::topicArn).containsExactly(DEMO_TOPIC, arn);
        assertThat(sns.createTopic(r -> r.name("sundown-compliance")).topicArn()).isEqualTo(arn);
        JsonArray messages = simulator.get("/_sim/sns/messages?topicArn=" + arn).bodyAsJsonArray();
        assertThat(messages).hasSize(1);
        JsonObject message = messages.getJsonObject(0);
        assertThat(message.getString("messageId")).isEqualTo(messageId);
        assertThat(message.getString("subject")).isEqualTo("Sundown: 2 profiles not covered");
        assertThat(new JsonObject(message.getString("message")).getJsonArray("profiles")).containsExactly("ivan", "judy");
        assertThat(message.getJsonObject("attributes").getJsonObject("eventType"))
                .isEqualTo(new JsonObject().put("DataType", "String").put("StringValue", "sundown.compliance.v1"));
        assertThat(message.getJsonObject("attributes").getJsonObject("count").getString("DataType")).isEqualTo("Number");
    }

    @Test
    void shouldAcceptAJsonMessageStructureOnlyWithADefaultEntry() {
        sns.publish(r -> r.topicArn(DEMO_TOPIC).messageStructure("json").message("{\"default\":\"hello\",\"email\":\"hi\"}"));

        assertThat(simulator.get("/_sim/sns/messages").bodyAsJsonArray().getJsonObject(0).getString("messageStructure"))
                .isEqualTo("json");
        assertThatThrownBy(() -> sns.publish(r -> r.topicArn(DEMO_TOPIC).messageStructure("json").message("{\"email\":\"hi\"}")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Invalid parameter: Message Structure - No default entry in JSON message body");
    }

    @Test
    void shouldRejectAMessageOver256KilobytesLikeSns() {
        String limit = "x".repeat(262_144);

        sns.publish(r -> r.topicArn(DEMO_TOPIC).message(limit));

        assertThatThrownBy(() -> sns.publish(r -> r.topicArn(DEMO_TOPIC).message(limit + "x")))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameter");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid parameter: Message too long");
                });
        assertThat(simulator.get("/_sim/sns/messages").bodyAsJsonArray()).hasSize(1);
    }

    @Test
    void shouldRejectASubjectOver100CharactersOrWithLineBreaks() {
        sns.publish(r -> r.topicArn(DEMO_TOPIC).subject("s".repeat(100)).message("fits"));

        assertThatThrownBy(() -> sns.publish(r -> r.topicArn(DEMO_TOPIC).subject("s".repeat(101)).message("too long subject")))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameter");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid parameter: Subject");
                });
        assertThatThrownBy(() -> sns.publish(r -> r.topicArn(DEMO_TOPIC).subject("two\nlines").message("m")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void shouldAnswerNotFoundForATopicThatDoesNotExist() {
        assertThatThrownBy(() -> sns.publish(r -> r.topicArn("arn:aws:sns:us-east-1:123456789012:nope").message("m")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void shouldAlsoServeSnsAtTheRootPath() {
        try (SnsClient atRoot = SnsClient.builder().endpointOverride(URI.create(simulator.baseUrl()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build()) {
            atRoot.publish(r -> r.topicArn(DEMO_TOPIC).message("via root"));
        }

        assertThat(simulator.get("/_sim/sns/messages").bodyAsJsonArray().getJsonObject(0).getString("message")).isEqualTo("via root");
    }
}
