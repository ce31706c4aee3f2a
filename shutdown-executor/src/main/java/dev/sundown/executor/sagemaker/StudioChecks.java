package dev.sundown.executor.sagemaker;

import dev.sundown.events.AppKey;
import dev.sundown.events.OwnerKind;
import dev.sundown.executor.domain.CallFailure;
import dev.sundown.executor.domain.Observation;
import dev.sundown.executor.shutdown.Retrier;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The SageMaker side of re-validating a Studio command: is the app still there, and does a tag on it or on its
 * owner exempt it now?
 */
public final class StudioChecks {

    private StudioChecks() {
    }

    /**
     * What DescribeApp and ListTags found: a conclusive observation, or the app's status (and SageMaker's last
     * user activity, null when absent) to go on with.
     */
    public record Found(Optional<Observation> conclusive, String status, Instant lastUserActivity) {
    }

    /** The status of an app, {@code Deleted} when SageMaker does not know it. */
    public static Uni<String> status(SageMakerApps sageMaker, Retrier retrier, AppKey key, OwnerKind ownerKind) {
        return retrier.read(() -> sageMaker.describeApp(key, ownerKind))
                .map(SageMakerApps.AppDescription::status)
                .onFailure(Retrier.StepFailed.class).recoverWithUni(failed -> {
                    Retrier.StepFailed step = (Retrier.StepFailed) failed;
                    return step.last().kind() == CallFailure.Kind.GONE ? Uni.createFrom().item("Deleted")
                            : Uni.createFrom().failure(step);
                });
    }

    public static Uni<Found> check(SageMakerApps sageMaker, Retrier retrier, AppKey key, OwnerKind ownerKind) {
        return retrier.read(() -> sageMaker.describeApp(key, ownerKind))
                .onFailure(Retrier.StepFailed.class).recoverWithUni(failed -> {
                    Retrier.StepFailed step = (Retrier.StepFailed) failed;
                    if (step.last().kind() == CallFailure.Kind.GONE) {
                        return Uni.createFrom().item(new SageMakerApps.AppDescription("Deleted", null, null));
                    }
                    return Uni.createFrom().failure(step);
                })
                .chain(app -> {
                    String status = app.status() == null ? "" : app.status().toLowerCase(Locale.ROOT);
                    if (status.equals("deleted") || status.equals("deleting")) {
                        return Uni.createFrom().item(new Found(Optional.of(
                                new Observation.Gone("app " + key + " is " + app.status())), app.status(), null));
                    }
                    if (app.arn() == null) {
                        // Tags cannot be read without the ARN: act only on what is known, never on a guess.
                        return Uni.createFrom().failure(new Retrier.StepFailed(new CallFailure(
                                CallFailure.Kind.PERMANENT, "DescribeApp returned no AppArn for " + key), 0, false));
                    }
                    Optional<String> ownerArn = Arns.ownerArn(app.arn(), ownerKind, key.domainId(), key.owner());
                    Uni<Map<String, String>> ownerTags = ownerArn.isPresent()
                            ? retrier.read(() -> sageMaker.listTags(key.domainId(), ownerArn.get()))
                            : Uni.createFrom().item(Map.of());
                    return ownerTags.chain(fromOwner -> retrier.read(() -> sageMaker.listTags(key.domainId(),
                            app.arn())).map(fromApp -> {
                                if (TagExemption.exempt(fromOwner, fromApp)) {
                                    String where = fromApp.containsKey(TagExemption.EXEMPT_TAG) ? "app " + key
                                            : (ownerKind == OwnerKind.SPACE ? "space " : "user profile ")
                                            + key.domainId() + "/" + key.owner();
                                    return new Found(Optional.of(new Observation.ExemptByTag(where)), app.status(),
                                            app.lastUserActivity());
                                }
                                return new Found(Optional.empty(), app.status(), app.lastUserActivity());
                            }));
                });
    }
}
