package dev.sundown.notifier.sns;

import dev.sundown.notifier.config.NotifierConfig;
import dev.sundown.notifier.delivery.DeliveryException;
import dev.sundown.notifier.delivery.SecretMask;
import dev.sundown.notifier.domain.Notification;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.SnsAsyncClientBuilder;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Amazon SNS through the AWS SDK v2 async client (Netty). The SDK's own retries are off: the channel worker
 * retries with its own policy, so one setting governs both channels.
 */
@ApplicationScoped
public class SnsChannel {

    private final NotifierConfig config;
    private final SecretMask mask;
    private final SnsRenderer renderer;
    private volatile SnsAsyncClient client;

    public SnsChannel(NotifierConfig config, SecretMask mask) {
        this.config = config;
        this.mask = mask;
        this.renderer = new SnsRenderer(config.sns().adminTopicArn().orElse(null), config.sns().legacyBody(),
                config.sns().maxParts());
    }

    /** On when enabled and an admin topic is configured: without one most messages would have nowhere to go. */
    public boolean enabled() {
        return config.sns().enabled() && config.sns().adminTopicArn().isPresent();
    }

    public List<SnsMessage> render(Notification n) {
        return renderer.render(n);
    }

    public Uni<Void> publish(SnsMessage m) {
        if (m.topicArn() == null) {
            return Uni.createFrom().failure(DeliveryException.permanent(
                    "no SNS topic configured (sundown.notifier.sns.admin-topic-arn)"));
        }
        PublishRequest.Builder request = PublishRequest.builder()
                .topicArn(m.topicArn())
                .subject(m.subject())
                .message(m.message())
                .messageAttributes(m.attributes().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        e -> MessageAttributeValue.builder().dataType("String").stringValue(e.getValue()).build())));
        if (m.jsonStructure()) {
            request.messageStructure("json");
        }
        return Uni.createFrom().completionStage(() -> client().publish(request.build()))
                .replaceWithVoid()
                .onFailure().transform(this::classify);
    }

    DeliveryException classify(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof DeliveryException de) {
            return de;
        }
        if (e instanceof AwsServiceException ase) {
            int status = ase.statusCode();
            String code = ase.awsErrorDetails() != null ? ase.awsErrorDetails().errorCode() : null;
            boolean retryable = status >= 500 || status == 429 || ase.isThrottlingException();
            return new DeliveryException(mask.mask("SNS " + (code == null ? "error" : code) + " (HTTP " + status
                    + ")" + (ase.awsErrorDetails() != null && ase.awsErrorDetails().errorMessage() != null
                    ? ": " + ase.awsErrorDetails().errorMessage() : "")), retryable, null);
        }
        if (e instanceof SdkClientException) {
            return DeliveryException.retryable(mask.mask("SNS call failed: " + e.getMessage()));
        }
        return DeliveryException.retryable(mask.mask("SNS call failed: " + e.getClass().getSimpleName()));
    }

    private SnsAsyncClient client() {
        SnsAsyncClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    NotifierConfig.Sns sns = config.sns();
                    AwsCredentialsProvider credentials = sns.accessKeyId().isPresent()
                            && sns.secretAccessKey().isPresent()
                            ? StaticCredentialsProvider.create(AwsBasicCredentials.create(sns.accessKeyId().get(),
                            sns.secretAccessKey().get()))
                            : DefaultCredentialsProvider.builder().build();
                    SnsAsyncClientBuilder builder = SnsAsyncClient.builder()
                            .region(Region.of(sns.region()))
                            .credentialsProvider(credentials)
                            .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                                    .apiCallTimeout(sns.timeout()));
                    sns.endpoint().ifPresent(builder::endpointOverride);
                    c = builder.build();
                    client = c;
                }
            }
        }
        return c;
    }

    void close(@Observes ShutdownEvent event) {
        SnsAsyncClient c = client;
        if (c != null) {
            c.close();
        }
    }
}
