package dev.sundown.collector.jupyter;

import java.util.List;

/**
 * One entry of Studio's {@code /sagemaker/api/apps}: an app of the profile or space and the kernels and image
 * terminals it runs.
 *
 * @param kernelIds     kernels running on this app (empty when the reply does not list them)
 * @param terminalNames image terminals running on this app
 */
public record StudioApp(String appName, String appType, String instanceType, String status,
                        String environmentArn, List<String> kernelIds, List<String> terminalNames) {
    public StudioApp {
        kernelIds = List.copyOf(kernelIds);
        terminalNames = List.copyOf(terminalNames);
    }
}
