package dev.sundown.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One app and its full current inventory. The evaluator compares {@code kernelIds} and
 * {@code terminalNames} with what it tracks to see what disappeared.
 *
 * @param status            SageMaker status ({@code Pending}, {@code InService}, {@code Deleting}, {@code Deleted},
 *                          {@code Failed}); {@code InService} for a reachable Jupyter server
 * @param instanceType      e.g. {@code ml.t3.medium}; null when unknown
 * @param image             SageMaker image ARN or name; null when unknown
 * @param lastUserActivity  SageMaker's {@code LastUserActivityTimestamp}: a weak signal, health checks bump it
 * @param kernelIds         every kernel the app runs now; null when this observation did not read kernels
 *                          (a SageMaker-only observation), so absence means "unknown", never "gone"
 * @param terminalNames     every terminal the app has now; null when not read
 * @param tags              tags relevant to policy (exemption, limits, owner contact)
 */
public record AppObserved(AppKey appKey, String source, OwnerKind ownerKind, String status,
                          String instanceType, String image, Instant creationTime, Instant lastHealthCheck,
                          Instant lastUserActivity, List<String> kernelIds, List<String> terminalNames,
                          Map<String, String> tags, Instant observedAt) implements EventData {
    public AppObserved {
        Require.present(appKey, "appKey");
        Require.text(source, "source");
        Require.present(ownerKind, "ownerKind");
        Require.text(status, "status");
        kernelIds = kernelIds == null ? null : List.copyOf(kernelIds);
        terminalNames = terminalNames == null ? null : List.copyOf(terminalNames);
        tags = Require.mapOrEmpty(tags);
        Require.present(observedAt, "observedAt");
    }

    public boolean inService() {
        return "InService".equals(status);
    }

    @Override
    public String subject() {
        return appKey.toString();
    }
}
