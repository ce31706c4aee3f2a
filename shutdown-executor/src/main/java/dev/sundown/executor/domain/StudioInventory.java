package dev.sundown.executor.domain;

import dev.sundown.events.AppType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one owner's Jupyter front door lists: {@code /api/kernels}, {@code /api/terminals} and Studio's
 * {@code /sagemaker/api/apps}. It tells which kernels and terminals run on the app a command would delete.
 *
 * @param apps Studio's app list; empty when it was not read (an app that hosts the Jupyter server runs everything)
 */
public record StudioInventory(List<ListedKernel> kernels, List<ListedTerminal> terminals, List<ListedApp> apps) {

    /** A kernel of {@code /api/kernels}; {@code appName} is Studio's {@code app_name}, null when absent. */
    public record ListedKernel(String id, String appName, String executionState, Instant lastActivity) {
    }

    /** A terminal of {@code /api/terminals}; {@code appName} is null when the server does not say. */
    public record ListedTerminal(String name, String appName, Instant lastActivity) {
    }

    /** An app of {@code /sagemaker/api/apps} with the ids of its kernels and the names of its image terminals. */
    public record ListedApp(String appName, String appType, List<String> kernelIds, List<String> terminalNames) {
        public ListedApp {
            kernelIds = kernelIds == null ? List.of() : List.copyOf(kernelIds);
            terminalNames = terminalNames == null ? List.of() : List.copyOf(terminalNames);
        }
    }

    public StudioInventory {
        kernels = List.copyOf(kernels);
        terminals = List.copyOf(terminals);
        apps = List.copyOf(apps);
    }

    /**
     * The kernels and terminals that run, or may run, on app {@code appName} of type {@code type}. An app that
     * hosts the Jupyter server (JupyterLab) runs all of them. For a KernelGateway app: kernels Studio places on it
     * ({@code app_name}, or its {@code kernels} list), kernels Studio places on no app at all (when in doubt a
     * kernel counts), and the image terminals it lists; when Studio does not list the app, every terminal that no
     * other app claims counts too.
     */
    public Observation.Children.Read childrenOf(AppType type, String appName) {
        List<Observation.Child> children = new ArrayList<>();
        if (type.hostsJupyterServer()) {
            kernels.forEach(k -> children.add(Observation.Child.kernel(k.id(), k.executionState(), k.lastActivity())));
            terminals.forEach(t -> children.add(Observation.Child.terminal(t.name(), t.lastActivity())));
            return new Observation.Children.Read(children);
        }
        Optional<ListedApp> listed = apps.stream().filter(a -> appName.equals(a.appName())).findFirst();
        Set<String> claimedKernels = new HashSet<>();
        Set<String> claimedTerminals = new HashSet<>();
        for (ListedApp app : apps) {
            if (!appName.equals(app.appName())) {
                claimedKernels.addAll(app.kernelIds());
                claimedTerminals.addAll(app.terminalNames());
            }
        }
        Set<String> ownKernels = listed.map(a -> Set.copyOf(a.kernelIds())).orElse(Set.of());
        Set<String> ownTerminals = listed.map(a -> Set.copyOf(a.terminalNames())).orElse(Set.of());
        for (ListedKernel k : kernels) {
            boolean ours = appName.equals(k.appName()) || ownKernels.contains(k.id())
                    || (k.appName() == null && !claimedKernels.contains(k.id()));
            if (ours) {
                children.add(Observation.Child.kernel(k.id(), k.executionState(), k.lastActivity()));
            }
        }
        for (ListedTerminal t : terminals) {
            boolean ours = appName.equals(t.appName()) || ownTerminals.contains(t.name())
                    || (listed.isEmpty() && t.appName() == null && !claimedTerminals.contains(t.name()));
            if (ours) {
                children.add(Observation.Child.terminal(t.name(), t.lastActivity()));
            }
        }
        return new Observation.Children.Read(children);
    }
}
