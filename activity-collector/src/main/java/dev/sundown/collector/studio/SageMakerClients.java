package dev.sundown.collector.studio;

import dev.sundown.collector.config.CollectorConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.sagemaker.SageMakerAsyncClient;

/**
 * The SageMaker async client: Netty HTTP, the SDK's standard retry strategy (throttling and 5xx retried with
 * exponential backoff and jitter) and the per-cycle {@link CallBudget}. Built lazily, only when Studio is enabled.
 */
@ApplicationScoped
public class SageMakerClients {

    private final CollectorConfig config;
    private final CallBudget budget;
    private volatile SageMakerAsyncClient client;

    public SageMakerClients(CollectorConfig config) {
        this.config = config;
        this.budget = new CallBudget(config.studio().callBudget());
    }

    public CallBudget budget() {
        return budget;
    }

    public synchronized SageMakerAsyncClient client() {
        if (client == null) {
            CollectorConfig.Studio s = config.studio();
            BackoffStrategy backoff = BackoffStrategy.exponentialDelay(s.retryBaseDelay(), s.retryMaxDelay());
            var retry = AwsRetryStrategy.standardRetryStrategy().toBuilder()
                    .maxAttempts(s.maxAttempts())
                    .backoffStrategy(backoff)
                    .throttlingBackoffStrategy(backoff)
                    .build();
            var builder = SageMakerAsyncClient.builder()
                    .region(Region.of(s.region()))
                    .credentialsProvider(credentials(s))
                    .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                            .maxConcurrency(Math.max(8, config.concurrency().orElse(32)))
                            .connectionTimeout(config.requestTimeout())
                            .readTimeout(config.requestTimeout().multipliedBy(2)))
                    .overrideConfiguration(ClientOverrideConfiguration.builder()
                            .retryStrategy(retry)
                            .apiCallAttemptTimeout(config.requestTimeout().multipliedBy(2))
                            .addExecutionInterceptor(budget)
                            .build());
            s.endpointOverride().ifPresent(builder::endpointOverride);
            client = builder.build();
        }
        return client;
    }

    private static AwsCredentialsProvider credentials(CollectorConfig.Studio s) {
        if (s.accessKeyId().isPresent() && s.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(s.accessKeyId().get(), s.secretAccessKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
