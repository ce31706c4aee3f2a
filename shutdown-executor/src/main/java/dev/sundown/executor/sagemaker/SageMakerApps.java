package dev.sundown.executor.sagemaker;

import dev.sundown.events.AppKey;
import dev.sundown.events.OwnerKind;
import dev.sundown.executor.domain.CallFailure;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sagemaker.SageMakerAsyncClient;
import software.amazon.awssdk.services.sagemaker.model.AppType;
import software.amazon.awssdk.services.sagemaker.model.DescribeAppResponse;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * The SageMaker calls the executor makes, each behind the per-domain rate limit, each failure classified as a
 * {@link CallFailure} whose message names the operation and error code only.
 */
@ApplicationScoped
public class SageMakerApps {

    private final SageMakerAsyncClient client;
    private final DomainRateLimits limits;

    public SageMakerApps(SageMakerAsyncClient client, DomainRateLimits limits) {
        this.client = client;
        this.limits = limits;
    }

    /**
     * The app's status, ARN and {@code LastUserActivityTimestamp} (null when absent) as DescribeApp reports them.
     */
    public record AppDescription(String status, String arn, Instant lastUserActivity) {
    }

    public Uni<AppDescription> describeApp(AppKey key, OwnerKind ownerKind) {
        return call(key.domainId(), "DescribeApp", () -> client.describeApp(r -> {
            r.domainId(key.domainId()).appType(AppType.fromValue(key.appType().name())).appName(key.appName());
            if (ownerKind == OwnerKind.SPACE) {
                r.spaceName(key.owner());
            } else {
                r.userProfileName(key.owner());
            }
        })).map(SageMakerApps::description);
    }

    public Uni<Void> deleteApp(AppKey key, OwnerKind ownerKind) {
        return call(key.domainId(), "DeleteApp", () -> client.deleteApp(r -> {
            r.domainId(key.domainId()).appType(AppType.fromValue(key.appType().name())).appName(key.appName());
            if (ownerKind == OwnerKind.SPACE) {
                r.spaceName(key.owner());
            } else {
                r.userProfileName(key.owner());
            }
        })).replaceWithVoid();
    }

    public Uni<Map<String, String>> listTags(String domainId, String resourceArn) {
        return call(domainId, "ListTags", () -> client.listTags(r -> r.resourceArn(resourceArn).maxResults(100)))
                .map(response -> {
                    Map<String, String> tags = new HashMap<>();
                    for (Tag tag : response.tags()) {
                        tags.put(tag.key(), tag.value());
                    }
                    return tags;
                });
    }

    /**
     * A presigned Studio login URL for a user profile, or for a space through the profile that owns it. The URL is
     * a secret: never log it.
     */
    public Uni<String> presignedUrl(String domainId, OwnerKind ownerKind, String owner) {
        Uni<String> profile = ownerKind == OwnerKind.SPACE
                ? call(domainId, "DescribeSpace", () -> client.describeSpace(r -> r.domainId(domainId).spaceName(owner)))
                        .map(space -> {
                            if (space.ownershipSettings() == null
                                    || space.ownershipSettings().ownerUserProfileName() == null) {
                                throw new CallFailure(CallFailure.Kind.PERMANENT,
                                        "space " + domainId + "/" + owner + " has no owner profile to log in as");
                            }
                            return space.ownershipSettings().ownerUserProfileName();
                        })
                : Uni.createFrom().item(owner);
        return profile.chain(userProfile -> call(domainId, "CreatePresignedDomainUrl",
                () -> client.createPresignedDomainUrl(r -> {
                    r.domainId(domainId).userProfileName(userProfile).sessionExpirationDurationInSeconds(1800);
                    if (ownerKind == OwnerKind.SPACE) {
                        r.spaceName(owner);
                    }
                })).map(response -> response.authorizedUrl()));
    }

    private <T> Uni<T> call(String domainId, String operation, Supplier<CompletableFuture<T>> request) {
        // The SDK marshals and signs on the calling thread: keep that off the event loop.
        return limits.permit(domainId)
                .chain(() -> Uni.createFrom().completionStage(request)
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .onFailure().transform(e -> classify(operation, e));
    }

    private static AppDescription description(DescribeAppResponse response) {
        return new AppDescription(response.statusAsString(), response.appArn(),
                response.lastUserActivityTimestamp());
    }

    static CallFailure classify(String operation, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof CallFailure failure) {
            return failure;
        }
        if (cause instanceof AwsServiceException aws) {
            String code = aws.awsErrorDetails() != null ? aws.awsErrorDetails().errorCode() : null;
            int status = aws.statusCode();
            return new CallFailure(CallFailure.ofAwsError(code, status),
                    operation + " failed: " + (code == null ? "error" : code) + " (HTTP " + status + ")");
        }
        if (cause instanceof ApiCallTimeoutException || cause instanceof ApiCallAttemptTimeoutException) {
            return new CallFailure(CallFailure.Kind.RETRYABLE, operation + " timed out");
        }
        if (cause instanceof SdkClientException) {
            return new CallFailure(CallFailure.Kind.RETRYABLE, operation + " could not reach SageMaker");
        }
        return new CallFailure(CallFailure.Kind.RETRYABLE, operation + " failed: " + cause.getClass().getSimpleName());
    }
}
