package dev.sundown.collector.studio;

import dev.sundown.collector.studio.DomainView.AppView;
import dev.sundown.collector.studio.DomainView.DeletedApp;
import dev.sundown.collector.studio.DomainView.OwnerView;
import dev.sundown.events.OwnerKind;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.services.sagemaker.SageMakerAsyncClient;
import software.amazon.awssdk.services.sagemaker.model.AppDetails;
import software.amazon.awssdk.services.sagemaker.model.AppStatus;
import software.amazon.awssdk.services.sagemaker.model.DescribeAppResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeDomainResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeSpaceResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.DomainDetails;
import software.amazon.awssdk.services.sagemaker.model.JupyterLabAppSettings;
import software.amazon.awssdk.services.sagemaker.model.JupyterServerAppSettings;
import software.amazon.awssdk.services.sagemaker.model.LifecycleManagement;
import software.amazon.awssdk.services.sagemaker.model.ResourceSpec;
import software.amazon.awssdk.services.sagemaker.model.SpaceDetails;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.UserProfileDetails;
import software.amazon.awssdk.services.sagemaker.model.UserSettings;

/**
 * Reads a domain's control plane with the async SDK: every page of profiles, spaces and apps (SDK paginators),
 * DescribeUserProfile/DescribeSpace/DescribeApp, and tags (cached for a while, they change rarely). Apps listed as
 * {@code Deleted} are kept apart ({@link DomainView#deletedApps()}) with what the listing says.
 */
public final class DomainReader {

    private final SageMakerAsyncClient sagemaker;
    private final int parallelism;
    private final Duration tagsRefresh;
    private final Clock clock;
    private final Map<String, CachedTags> tagCache = new ConcurrentHashMap<>();

    private record CachedTags(Map<String, String> tags, Instant fetchedAt) {
    }

    public DomainReader(SageMakerAsyncClient sagemaker, int parallelism, Duration tagsRefresh, Clock clock) {
        this.sagemaker = sagemaker;
        this.parallelism = Math.max(1, parallelism);
        this.tagsRefresh = tagsRefresh;
        this.clock = clock;
    }

    /** Every domain id of the account and region (all pages). */
    public Uni<List<String>> domainIds() {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        return Uni.createFrom().completionStage(() -> sagemaker.listDomainsPaginator(r -> { })
                        .domains().subscribe((DomainDetails d) -> ids.add(d.domainId())))
                .map(v -> List.copyOf(ids));
    }

    public Uni<DomainView> read(String domainId) {
        Instant readAt = clock.instant();
        Uni<DescribeDomainResponse> domain = Uni.createFrom().completionStage(
                () -> sagemaker.describeDomain(r -> r.domainId(domainId)));
        Uni<List<UserProfileDetails>> profiles = collect(() -> sagemaker.listUserProfilesPaginator(
                r -> r.domainIdEquals(domainId)).userProfiles());
        Uni<List<SpaceDetails>> spaces = collect(() -> sagemaker.listSpacesPaginator(
                r -> r.domainIdEquals(domainId)).spaces());
        Uni<List<AppDetails>> apps = collect(() -> sagemaker.listAppsPaginator(
                r -> r.domainIdEquals(domainId)).apps());
        return Uni.combine().all().unis(domain, profiles, spaces, apps).asTuple()
                .flatMap(t -> {
                    DescribeDomainResponse d = t.getItem1();
                    Uni<List<OwnerView>> profileViews = bounded(t.getItem2(), p -> profile(d, p));
                    Uni<List<OwnerView>> spaceViews = bounded(t.getItem3(), s -> space(d, s));
                    return Uni.combine().all().unis(profileViews, spaceViews).asTuple().flatMap(owners -> {
                        Map<String, Map<String, String>> ownerTags = new HashMap<>();
                        owners.getItem1().forEach(o -> ownerTags.put(OwnerKind.USER_PROFILE + "/" + o.name(), o.tags()));
                        owners.getItem2().forEach(o -> ownerTags.put(OwnerKind.SPACE + "/" + o.name(), o.tags()));
                        // Deleted apps are kept as ListApps lists them: no DescribeApp or ListTags for what is gone.
                        List<AppDetails> live = new ArrayList<>();
                        List<DeletedApp> deleted = new ArrayList<>();
                        for (AppDetails a : t.getItem4()) {
                            if (a.status() == AppStatus.DELETED) {
                                deleted.add(new DeletedApp(ownerKind(a), owner(a), a.appTypeAsString(), a.appName(),
                                        a.creationTime()));
                            } else {
                                live.add(a);
                            }
                        }
                        return bounded(live, a -> app(domainId, a, ownerTags)).map(described -> {
                            List<AppView> appViews = new ArrayList<>();
                            for (AppView a : described) {
                                if (ControlPlaneEvents.DELETED.equals(a.status())) {
                                    // deleted between ListApps and DescribeApp
                                    deleted.add(new DeletedApp(a.ownerKind(), a.owner(), a.appType(), a.appName(),
                                            a.creationTime()));
                                } else {
                                    appViews.add(a);
                                }
                            }
                            List<OwnerView> all = new ArrayList<>(owners.getItem1());
                            all.addAll(owners.getItem2());
                            return new DomainView(domainId, all, appViews, deleted, readAt);
                        });
                    });
                });
    }

    private Uni<OwnerView> profile(DescribeDomainResponse domain, UserProfileDetails p) {
        return Uni.createFrom().completionStage(() -> sagemaker.describeUserProfile(
                        r -> r.domainId(domain.domainId()).userProfileName(p.userProfileName())))
                .flatMap(desc -> tags(desc.userProfileArn()).map(tags -> new OwnerView(OwnerKind.USER_PROFILE,
                        p.userProfileName(), p.statusAsString(), p.userProfileName(), tags,
                        lifecycle(desc.userSettings()) || lifecycle(domain.defaultUserSettings()),
                        idle(desc.userSettings(), domain.defaultUserSettings()))));
    }

    private Uni<OwnerView> space(DescribeDomainResponse domain, SpaceDetails s) {
        return Uni.createFrom().completionStage(() -> sagemaker.describeSpace(
                        r -> r.domainId(domain.domainId()).spaceName(s.spaceName())))
                .flatMap(desc -> tags(desc.spaceArn()).map(tags -> new OwnerView(OwnerKind.SPACE, s.spaceName(),
                        s.statusAsString(), spaceOwner(desc), tags,
                        spaceLifecycle(desc, domain), spaceIdle(desc, domain))));
    }

    private static OwnerKind ownerKind(AppDetails a) {
        return a.spaceName() != null ? OwnerKind.SPACE : OwnerKind.USER_PROFILE;
    }

    private static String owner(AppDetails a) {
        return a.spaceName() != null ? a.spaceName() : a.userProfileName();
    }

    private Uni<AppView> app(String domainId, AppDetails a, Map<String, Map<String, String>> ownerTags) {
        boolean space = a.spaceName() != null;
        OwnerKind kind = ownerKind(a);
        String owner = owner(a);
        return Uni.createFrom().completionStage(() -> sagemaker.describeApp(r -> {
                    r.domainId(domainId).appType(a.appTypeAsString()).appName(a.appName());
                    if (space) {
                        r.spaceName(a.spaceName());
                    } else {
                        r.userProfileName(a.userProfileName());
                    }
                }))
                .flatMap(desc -> tags(desc.appArn()).map(appTags -> {
                    Map<String, String> merged = new HashMap<>(ownerTags.getOrDefault(kind + "/" + owner, Map.of()));
                    merged.putAll(appTags);
                    ResourceSpec spec = desc.resourceSpec() != null ? desc.resourceSpec() : a.resourceSpec();
                    return new AppView(kind, owner, a.appTypeAsString(), a.appName(),
                            desc.statusAsString() != null ? desc.statusAsString() : a.statusAsString(),
                            spec == null ? null : spec.instanceTypeAsString(), image(spec),
                            desc.creationTime() != null ? desc.creationTime() : a.creationTime(),
                            desc.lastHealthCheckTimestamp(), desc.lastUserActivityTimestamp(), merged);
                }));
    }

    private Uni<Map<String, String>> tags(String arn) {
        if (arn == null) {
            return Uni.createFrom().item(Map.of());
        }
        CachedTags cached = tagCache.get(arn);
        Instant now = clock.instant();
        if (cached != null && cached.fetchedAt().plus(tagsRefresh).isAfter(now)) {
            return Uni.createFrom().item(cached.tags());
        }
        Map<String, String> tags = new ConcurrentHashMap<>();
        return Uni.createFrom().completionStage(() -> sagemaker.listTagsPaginator(r -> r.resourceArn(arn)).tags()
                        .subscribe((Tag tag) -> tags.put(tag.key(), tag.value())))
                .map(v -> {
                    Map<String, String> copy = Map.copyOf(tags);
                    tagCache.put(arn, new CachedTags(copy, now));
                    return copy;
                });
    }

    private <T> Uni<List<T>> collect(java.util.function.Supplier<software.amazon.awssdk.core.async.SdkPublisher<T>> pages) {
        List<T> items = Collections.synchronizedList(new ArrayList<>());
        return Uni.createFrom().completionStage(() -> {
            CompletableFuture<Void> done = pages.get().subscribe(items::add);
            return done;
        }).map(v -> List.copyOf(items));
    }

    private <I, O> Uni<List<O>> bounded(List<I> inputs, Function<I, Uni<O>> fn) {
        if (inputs.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Multi.createFrom().iterable(inputs)
                .onItem().<O>transformToUni(fn::apply).merge(parallelism)
                .collect().asList();
    }

    private static String image(ResourceSpec spec) {
        if (spec == null) {
            return null;
        }
        if (spec.sageMakerImageVersionArn() != null) {
            return spec.sageMakerImageVersionArn();
        }
        if (spec.sageMakerImageArn() != null) {
            return spec.sageMakerImageArn();
        }
        return spec.sageMakerImageVersionAlias();
    }

    private static String spaceOwner(DescribeSpaceResponse desc) {
        return desc.ownershipSettings() == null ? null : desc.ownershipSettings().ownerUserProfileName();
    }

    static boolean lifecycle(UserSettings u) {
        return u != null && (lifecycle(u.jupyterServerAppSettings()) || lifecycle(u.jupyterLabAppSettings()));
    }

    private static boolean lifecycle(JupyterServerAppSettings s) {
        return s != null && (s.hasLifecycleConfigArns() && !s.lifecycleConfigArns().isEmpty()
                || s.defaultResourceSpec() != null && s.defaultResourceSpec().lifecycleConfigArn() != null);
    }

    private static boolean lifecycle(JupyterLabAppSettings s) {
        return s != null && (s.hasLifecycleConfigArns() && !s.lifecycleConfigArns().isEmpty()
                || s.defaultResourceSpec() != null && s.defaultResourceSpec().lifecycleConfigArn() != null);
    }

    /** The profile's own idle setting wins; unset falls back to the domain's default; unset there means off. */
    static boolean idle(UserSettings own, UserSettings domainDefault) {
        Boolean mine = idleSetting(own == null ? null : own.jupyterLabAppSettings());
        if (mine != null) {
            return mine;
        }
        Boolean dflt = idleSetting(domainDefault == null ? null : domainDefault.jupyterLabAppSettings());
        return Boolean.TRUE.equals(dflt);
    }

    private static Boolean idleSetting(JupyterLabAppSettings s) {
        if (s == null || s.appLifecycleManagement() == null || s.appLifecycleManagement().idleSettings() == null) {
            return null;
        }
        LifecycleManagement m = s.appLifecycleManagement().idleSettings().lifecycleManagement();
        if (m == null || m == LifecycleManagement.UNKNOWN_TO_SDK_VERSION) {
            return null;
        }
        return m == LifecycleManagement.ENABLED;
    }

    private static boolean spaceLifecycle(DescribeSpaceResponse desc, DescribeDomainResponse domain) {
        var s = desc.spaceSettings();
        if (s != null && (lifecycle(s.jupyterServerAppSettings())
                || s.jupyterLabAppSettings() != null && s.jupyterLabAppSettings().defaultResourceSpec() != null
                && s.jupyterLabAppSettings().defaultResourceSpec().lifecycleConfigArn() != null)) {
            return true;
        }
        var d = domain.defaultSpaceSettings();
        if (d != null && (lifecycle(d.jupyterServerAppSettings()) || lifecycle(d.jupyterLabAppSettings()))) {
            return true;
        }
        return lifecycle(domain.defaultUserSettings());
    }

    private static boolean spaceIdle(DescribeSpaceResponse desc, DescribeDomainResponse domain) {
        var own = desc.spaceSettings() == null ? null : desc.spaceSettings().jupyterLabAppSettings();
        if (own != null && own.appLifecycleManagement() != null && own.appLifecycleManagement().idleSettings() != null
                && own.appLifecycleManagement().idleSettings().idleTimeoutInMinutes() != null) {
            return true;
        }
        var d = domain.defaultSpaceSettings();
        Boolean spaceDefault = idleSetting(d == null ? null : d.jupyterLabAppSettings());
        if (spaceDefault != null) {
            return spaceDefault;
        }
        return idle(null, domain.defaultUserSettings());
    }
}
