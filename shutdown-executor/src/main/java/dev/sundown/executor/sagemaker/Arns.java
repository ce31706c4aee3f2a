package dev.sundown.executor.sagemaker;

import dev.sundown.events.OwnerKind;
import java.util.Optional;

/** SageMaker ARNs derived from an app's ARN, so tags of its owner can be read without another Describe call. */
public final class Arns {

    private Arns() {
    }

    /**
     * The ARN of the user profile or space that owns an app, e.g. {@code arn:aws:sagemaker:us-east-1:123:app/d-1/alice/
     * KernelGateway/k} gives {@code arn:aws:sagemaker:us-east-1:123:user-profile/d-1/alice}.
     */
    public static Optional<String> ownerArn(String appArn, OwnerKind ownerKind, String domainId, String owner) {
        if (appArn == null) {
            return Optional.empty();
        }
        int app = appArn.indexOf(":app/");
        if (app < 0) {
            return Optional.empty();
        }
        String resource = ownerKind == OwnerKind.SPACE ? "space" : "user-profile";
        return Optional.of(appArn.substring(0, app) + ":" + resource + "/" + domainId + "/" + owner);
    }
}
