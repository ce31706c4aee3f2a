package dev.sundown.executor.domain;

import dev.sundown.events.AppKey;
import dev.sundown.events.AppType;
import dev.sundown.events.OwnerKind;
import dev.sundown.events.ResourceKind;
import dev.sundown.events.ShutdownCommand;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a decoded command before anything is read or done. A rejected command goes to the dead-letter topic with
 * the problem and reason, and nothing is done to its resource.
 */
public final class CommandValidation {

    /** Why a command cannot be carried out; {@code problem} is machine-readable, {@code reason} for people. */
    public record Rejection(String problem, String reason) {
    }

    public static final String KEY_MISMATCH = "KEY_MISMATCH";
    public static final String INVALID_COMMAND = "INVALID_COMMAND";
    public static final String UNKNOWN_TARGET = "UNKNOWN_TARGET";
    public static final String UNSUPPORTED_APP_TYPE = "UNSUPPORTED_APP_TYPE";

    private static final Set<AppType> DELETABLE = Set.of(AppType.KernelGateway, AppType.JupyterLab,
            AppType.CodeEditor);

    private CommandValidation() {
    }

    /**
     * @param recordKey      the Kafka key the command arrived under
     * @param staticTargets  names of the configured static Jupyter targets
     */
    public static Optional<Rejection> check(String recordKey, ShutdownCommand command, Set<String> staticTargets) {
        AppKey key = command.appKey();
        if (recordKey == null || !recordKey.equals(key.toString())) {
            return reject(KEY_MISMATCH, "record key '" + recordKey + "' does not match the command's app key '"
                    + key + "'");
        }
        boolean targetOwner = command.ownerKind() == OwnerKind.JUPYTER_TARGET;
        if (targetOwner != key.isJupyterTarget()) {
            return reject(INVALID_COMMAND, "owner kind " + command.ownerKind() + " does not fit app key '" + key + "'");
        }
        if (key.isJupyterTarget() && !staticTargets.contains(key.appName())) {
            return reject(UNKNOWN_TARGET, "no Jupyter target named '" + key.appName() + "' is configured");
        }
        ResourceKind kind = command.resource().kind();
        if (kind == ResourceKind.APP) {
            if (!command.resource().id().equals(key.appName())) {
                return reject(INVALID_COMMAND, "app resource '" + command.resource().id()
                        + "' is not the app of key '" + key + "'");
            }
            if (key.appType() != AppType.JupyterServer && !DELETABLE.contains(key.appType())) {
                return reject(UNSUPPORTED_APP_TYPE, "apps of type " + key.appType() + " are not shut down");
            }
        } else if (!key.isJupyterTarget() && !key.appType().hostsJupyterServer()
                && key.appType() != AppType.KernelGateway) {
            return reject(UNSUPPORTED_APP_TYPE, "a " + key.appType() + " app runs no Jupyter kernels or terminals");
        }
        return Optional.empty();
    }

    /** The JupyterServer app (a static server as a whole, or Studio's) is never deleted. */
    public static boolean isProtectedApp(ShutdownCommand command) {
        return command.resource().kind() == ResourceKind.APP && command.appKey().appType() == AppType.JupyterServer;
    }

    private static Optional<Rejection> reject(String problem, String reason) {
        return Optional.of(new Rejection(problem, reason));
    }
}
