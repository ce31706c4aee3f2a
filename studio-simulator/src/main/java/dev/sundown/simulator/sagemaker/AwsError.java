package dev.sundown.simulator.sagemaker;

/** An error answered in the AWS JSON 1.1 shape: {@code {"__type": type, "message": message}} with an HTTP status. */
public final class AwsError extends RuntimeException {

    private final int status;
    private final String type;

    public AwsError(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public static AwsError validation(String message) {
        return new AwsError(400, "ValidationException", message);
    }

    public static AwsError notFound(String message) {
        return new AwsError(400, "ResourceNotFound", message);
    }

    public static AwsError inUse(String message) {
        return new AwsError(400, "ResourceInUse", message);
    }

    /** The message AWS's validation layer gives for a missing required member. */
    public static AwsError missing(String member) {
        String camel = Character.toLowerCase(member.charAt(0)) + member.substring(1);
        return validation("1 validation error detected: Value null at '" + camel
                + "' failed to satisfy constraint: Member must not be null");
    }
}
