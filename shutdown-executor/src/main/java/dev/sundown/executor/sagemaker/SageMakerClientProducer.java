package dev.sundown.executor.sagemaker;

import dev.sundown.executor.config.ExecutorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerAsyncClient;
import software.amazon.awssdk.services.sagemaker.SageMakerAsyncClientBuilder;

/** The asynchronous SageMaker client. The SDK's own retries are off: the executor retries, counts and bounds calls. */
@ApplicationScoped
public class SageMakerClientProducer {

    @Produces
    @ApplicationScoped
    SageMakerAsyncClient sageMaker(ExecutorConfig config) {
        ExecutorConfig.SageMaker settings = config.sagemaker();
        SageMakerAsyncClientBuilder builder = SageMakerAsyncClient.builder()
                .region(Region.of(settings.region()))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .connectionTimeout(config.requestTimeout())
                        .readTimeout(config.requestTimeout()))
                .overrideConfiguration(o -> o
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(config.requestTimeout())
                        .apiCallTimeout(config.requestTimeout()));
        settings.endpointOverride().ifPresent(builder::endpointOverride);
        if (settings.accessKeyId().isPresent() && settings.secretAccessKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    settings.accessKeyId().get(), settings.secretAccessKey().get())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }

    void close(@Disposes SageMakerAsyncClient client) {
        client.close();
    }
}
