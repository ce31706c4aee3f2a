package dev.sundown.collector.jupyter;

import dev.sundown.collector.publish.OutgoingEvent;
import dev.sundown.events.AppKey;
import dev.sundown.events.AppObserved;
import dev.sundown.events.AppType;
import dev.sundown.events.KernelObserved;
import dev.sundown.events.OwnerKind;
import dev.sundown.events.TerminalObserved;
import dev.sundown.events.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns what was read from one Jupyter server into activity events: one per kernel, one per terminal, and one
 * per app with its full inventory, all keyed by the app that runs them.
 */
public final class SnapshotEvents {

    private SnapshotEvents() {
    }

    /** A self-managed server (static or push target): everything belongs to the app {@code jupyter/<name>}. */
    public static List<OutgoingEvent> ofJupyterTarget(String targetName, ServerSnapshot snapshot, Instant observedAt) {
        AppKey app = AppKey.jupyter(targetName);
        String source = "jupyter/" + targetName;
        Inventory inventory = new Inventory(app, "InService", null, Map.of());
        List<OutgoingEvent> out = new ArrayList<>();
        addChildren(out, snapshot, source, observedAt, k -> inventory, t -> inventory);
        out.add(appEvent(inventory, source, OwnerKind.JUPYTER_TARGET, observedAt));
        return out;
    }

    /**
     * A Studio profile or space read through its Jupyter front door. Kernels and image terminals that
     * {@code /sagemaker/api/apps} places on a KernelGateway app belong to that app; the rest run on the
     * JupyterServer/JupyterLab app itself.
     *
     * @param serverApp the JupyterServer or JupyterLab app the front door leads to
     * @param tagsOf    policy tags of an app (profile/space tags merged with the app's own)
     */
    public static List<OutgoingEvent> ofStudioServer(AppKey serverApp, OwnerKind ownerKind, ServerSnapshot snapshot,
                                                     List<StudioApp> studioApps,
                                                     Function<AppKey, Map<String, String>> tagsOf,
                                                     Instant observedAt) {
        String source = "studio/" + serverApp.domainId() + "/" + serverApp.owner();
        Map<String, Inventory> apps = new LinkedHashMap<>();
        Inventory server = new Inventory(serverApp, "InService", null, tagsOf.apply(serverApp));
        apps.put(serverApp.appName() + "|" + serverApp.appType(), server);
        Map<String, Inventory> byKernel = new LinkedHashMap<>();
        Map<String, Inventory> byTerminal = new LinkedHashMap<>();
        Map<String, Inventory> byAppName = new LinkedHashMap<>();
        for (StudioApp sa : studioApps) {
            AppType type = typeOf(sa.appType());
            if (type.hostsJupyterServer() && sa.appName().equals(serverApp.appName())) {
                continue;
            }
            AppKey key = AppKey.studio(serverApp.domainId(), serverApp.owner(), type, sa.appName());
            Inventory inv = apps.computeIfAbsent(sa.appName() + "|" + type,
                    k -> new Inventory(key, sa.status() == null ? "InService" : sa.status(), sa.instanceType(),
                            tagsOf.apply(key)));
            byAppName.putIfAbsent(sa.appName(), inv);
            sa.kernelIds().forEach(id -> byKernel.put(id, inv));
            sa.terminalNames().forEach(name -> byTerminal.put(name, inv));
        }
        List<OutgoingEvent> out = new ArrayList<>();
        for (JupyterKernel k : snapshot.kernels()) {
            if (k.appName() != null && byAppName.containsKey(k.appName())) {
                byKernel.put(k.id(), byAppName.get(k.appName()));
            } else if (k.appName() != null && !k.appName().equals(serverApp.appName())
                    && !byKernel.containsKey(k.id())) {
                // Studio names an app that /sagemaker/api/apps did not list (yet): still a KernelGateway app.
                AppKey key = AppKey.studio(serverApp.domainId(), serverApp.owner(), AppType.KernelGateway,
                        k.appName());
                Inventory inv = apps.computeIfAbsent(k.appName() + "|" + AppType.KernelGateway,
                        x -> new Inventory(key, "InService", null, tagsOf.apply(key)));
                byAppName.put(k.appName(), inv);
                byKernel.put(k.id(), inv);
            }
        }
        for (JupyterTerminal t : snapshot.terminals()) {
            if (t.appName() != null && byAppName.containsKey(t.appName())) {
                byTerminal.put(t.name(), byAppName.get(t.appName()));
            }
        }
        addChildren(out, snapshot, source, observedAt, k -> byKernel.getOrDefault(k, server),
                t -> byTerminal.getOrDefault(t, server));
        apps.values().forEach(inv -> out.add(appEvent(inv, source, ownerKind, observedAt)));
        return out;
    }

    private static void addChildren(List<OutgoingEvent> out, ServerSnapshot snapshot, String source, Instant observedAt,
                                    Function<String, Inventory> kernelApp, Function<String, Inventory> terminalApp) {
        for (JupyterKernel k : snapshot.kernels()) {
            Inventory inv = kernelApp.apply(k.id());
            inv.kernelIds.add(k.id());
            String path = snapshot.sessionOf(k.id()).map(JupyterSession::path).orElse(null);
            out.add(new OutgoingEvent(Topics.KERNEL_ACTIVITY, inv.key.toString(),
                    new KernelObserved(inv.key, source, k.id(), k.name(), k.executionState(), k.connections(),
                            k.lastActivity(), path, observedAt)));
        }
        for (JupyterTerminal t : snapshot.terminals()) {
            Inventory inv = terminalApp.apply(t.name());
            inv.terminalNames.add(t.name());
            out.add(new OutgoingEvent(Topics.TERMINAL_ACTIVITY, inv.key.toString(),
                    new TerminalObserved(inv.key, source, t.name(), t.lastActivity(), observedAt)));
        }
    }

    private static OutgoingEvent appEvent(Inventory inv, String source, OwnerKind ownerKind, Instant observedAt) {
        return new OutgoingEvent(Topics.APP_ACTIVITY, inv.key.toString(),
                new AppObserved(inv.key, source, ownerKind, inv.status, inv.instanceType, null, null, null, null,
                        inv.kernelIds, inv.terminalNames, inv.tags, observedAt));
    }

    private static AppType typeOf(String appType) {
        if (appType == null) {
            return AppType.KernelGateway;
        }
        try {
            return AppType.parse(appType);
        } catch (IllegalArgumentException e) {
            return AppType.KernelGateway;
        }
    }

    private static final class Inventory {
        final AppKey key;
        final String status;
        final String instanceType;
        final Map<String, String> tags;
        final List<String> kernelIds = new ArrayList<>();
        final List<String> terminalNames = new ArrayList<>();

        Inventory(AppKey key, String status, String instanceType, Map<String, String> tags) {
            this.key = key;
            this.status = status;
            this.instanceType = instanceType;
            this.tags = tags;
        }
    }
}
