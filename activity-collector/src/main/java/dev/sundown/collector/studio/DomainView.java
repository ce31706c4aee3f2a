package dev.sundown.collector.studio;

import dev.sundown.events.OwnerKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one cycle read from a domain's control plane: every profile, space and app, all pages.
 *
 * @param apps        every app that is not {@code Deleted} (Pending, InService, Deleting, Failed ...)
 * @param deletedApps every app ListApps (or, in a race, DescribeApp) reported as {@code Deleted}; SageMaker keeps
 *                    listing them for a while, and a name may be listed both Deleted and live (recreated)
 */
public record DomainView(String domainId, List<OwnerView> owners, List<AppView> apps, List<DeletedApp> deletedApps,
                         Instant readAt) {

    public DomainView {
        owners = List.copyOf(owners);
        apps = List.copyOf(apps);
        deletedApps = List.copyOf(deletedApps);
    }

    /**
     * A user profile or a space.
     *
     * @param loginProfile            the profile to log in as: the profile itself, or a space's owner (null if none)
     * @param lifecycleConfigAttached a lifecycle configuration applies (own settings or the domain's defaults)
     * @param idleShutdownEnabled     SageMaker's built-in idle shutdown applies
     */
    public record OwnerView(OwnerKind kind, String name, String status, String loginProfile, Map<String, String> tags,
                            boolean lifecycleConfigAttached, boolean idleShutdownEnabled) {
        public OwnerView {
            tags = Map.copyOf(tags);
        }
    }

    /** One app with what DescribeApp and ListTags said. */
    public record AppView(OwnerKind ownerKind, String owner, String appType, String appName, String status,
                          String instanceType, String image, Instant creationTime, Instant lastHealthCheck,
                          Instant lastUserActivity, Map<String, String> tags) {
        public AppView {
            tags = Map.copyOf(tags);
        }

        public boolean inService() {
            return "InService".equals(status);
        }

        public boolean hostsJupyterServer() {
            return "JupyterServer".equals(appType) || "JupyterLab".equals(appType);
        }
    }

    /** An app listed as {@code Deleted}: what ListApps said, without DescribeApp or ListTags (it is gone). */
    public record DeletedApp(OwnerKind ownerKind, String owner, String appType, String appName,
                             Instant creationTime) {
    }

    /** The owner's InService JupyterServer/JupyterLab app, if any: the only kind whose front door is read. */
    public java.util.Optional<AppView> inServiceServerOf(OwnerKind kind, String owner) {
        return apps.stream()
                .filter(a -> a.ownerKind() == kind && a.owner().equals(owner) && a.hostsJupyterServer() && a.inService())
                .findFirst();
    }
}
