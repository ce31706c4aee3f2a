package dev.sundown.simulator.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sundown.simulator.studio.FrontDoor;
import dev.sundown.simulator.world.App;
import dev.sundown.simulator.world.AppLifecycle;
import dev.sundown.simulator.world.Domain;
import dev.sundown.simulator.world.KernelModel;
import dev.sundown.simulator.world.Owner;
import dev.sundown.simulator.world.Settings;
import dev.sundown.simulator.world.World;
import dev.sundown.simulator.world.WorldBuilder;
import dev.sundown.simulator.world.WorldStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The SageMaker operations Sundown uses, answered from the world model in AWS JSON 1.1 shapes. */
public final class SageMakerApi {

    public static final Set<String> OPERATIONS = Set.of("ListDomains", "DescribeDomain", "ListUserProfiles",
            "DescribeUserProfile", "ListSpaces", "DescribeSpace", "ListApps", "DescribeApp", "CreateApp", "DeleteApp",
            "CreatePresignedDomainUrl", "ListTags");
    private static final Set<String> APP_TYPES = Set.of("JupyterServer", "KernelGateway", "JupyterLab", "CodeEditor",
            "DetailedProfiler", "TensorBoard", "RStudioServerPro", "RSessionGateway", "Canvas");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_PAGE = 100;

    private final Supplier<WorldStore> store;
    private final Supplier<WorldBuilder> builder;
    private final AppLifecycle lifecycle;
    private final FrontDoor frontDoor;
    private final int defaultPageSize;
    private final Duration healthCheckInterval;

    public SageMakerApi(Supplier<WorldStore> store, Supplier<WorldBuilder> builder, AppLifecycle lifecycle,
            FrontDoor frontDoor, int defaultPageSize, Duration healthCheckInterval) {
        this.store = store;
        this.builder = builder;
        this.lifecycle = lifecycle;
        this.frontDoor = frontDoor;
        this.defaultPageSize = defaultPageSize;
        this.healthCheckInterval = healthCheckInterval;
    }

    /**
     * @param baseUrl the simulator's URL as the client sees it, for presigned URLs
     * @throws AwsError for every failure a client should see
     */
    public ObjectNode handle(String operation, JsonNode request, String baseUrl, Instant now) {
        if (!request.isObject()) {
            throw new AwsError(400, "SerializationException", "Start of structure or map found where not expected");
        }
        return store.get().write(world -> switch (operation) {
            case "ListDomains" -> listDomains(world, request);
            case "DescribeDomain" -> describeDomain(world, request);
            case "ListUserProfiles" -> listOwners(world, request, Owner.Kind.USER_PROFILE, now);
            case "DescribeUserProfile" -> describeUserProfile(world, request);
            case "ListSpaces" -> listOwners(world, request, Owner.Kind.SPACE, now);
            case "DescribeSpace" -> describeSpace(world, request);
            case "ListApps" -> listApps(world, request, now);
            case "DescribeApp" -> describeApp(world, request, now);
            case "CreateApp" -> createApp(world, request, now);
            case "DeleteApp" -> deleteApp(world, request, now);
            case "CreatePresignedDomainUrl" -> presignedUrl(world, request, baseUrl, now);
            case "ListTags" -> listTags(world, request);
            default -> throw new AwsError(400, "UnknownOperationException", "Unknown operation " + operation);
        });
    }

    private ObjectNode listDomains(World world, JsonNode request) {
        Pager.Page<Domain> page = Pager.page(new ArrayList<>(world.domains().values()), request, defaultPageSize, MAX_PAGE);
        ObjectNode out = NODES.objectNode();
        ArrayNode domains = out.putArray("Domains");
        for (Domain domain : page.items()) {
            ObjectNode node = domains.addObject();
            node.put("DomainArn", world.domainArn(domain));
            node.put("DomainId", domain.id());
            node.put("DomainName", domain.name());
            node.put("Status", domain.status());
            node.put("CreationTime", epoch(domain.createdAt()));
            node.put("LastModifiedTime", epoch(domain.createdAt()));
            node.put("Url", studioUrl(world, domain));
        }
        putNext(out, page);
        return out;
    }

    private ObjectNode describeDomain(World world, JsonNode request) {
        Domain domain = domain(world, text(request, "DomainId", true));
        ObjectNode out = NODES.objectNode();
        out.put("DomainArn", world.domainArn(domain));
        out.put("DomainId", domain.id());
        out.put("DomainName", domain.name());
        out.put("HomeEfsFileSystemId", "fs-" + Integer.toHexString(domain.id().hashCode()));
        out.put("Status", domain.status());
        out.put("CreationTime", epoch(domain.createdAt()));
        out.put("LastModifiedTime", epoch(domain.createdAt()));
        out.put("AuthMode", "IAM");
        out.set("DefaultUserSettings", userSettings(world, domain.defaultSettings()));
        out.put("AppNetworkAccessType", "PublicInternetOnly");
        out.put("Url", studioUrl(world, domain));
        out.put("VpcId", "vpc-0sim0000000000000");
        return out;
    }

    private ObjectNode listOwners(World world, JsonNode request, Owner.Kind kind, Instant now) {
        String domainId = text(request, "DomainIdEquals", false);
        String contains = text(request, kind == Owner.Kind.USER_PROFILE ? "UserProfileNameContains" : "SpaceNameContains", false);
        List<Owner> owners = new ArrayList<>();
        for (Domain domain : world.domains().values()) {
            if (domainId != null && !domain.id().equals(domainId)) {
                continue;
            }
            for (Owner owner : (kind == Owner.Kind.USER_PROFILE ? domain.profiles() : domain.spaces()).values()) {
                if (contains == null || owner.name().contains(contains)) {
                    owners.add(owner);
                }
            }
        }
        sortOwners(owners, request);
        Pager.Page<Owner> page = Pager.page(owners, request, defaultPageSize, MAX_PAGE);
        ObjectNode out = NODES.objectNode();
        ArrayNode items = out.putArray(kind == Owner.Kind.USER_PROFILE ? "UserProfiles" : "Spaces");
        for (Owner owner : page.items()) {
            ObjectNode node = items.addObject();
            node.put("DomainId", owner.domainId());
            node.put(kind == Owner.Kind.USER_PROFILE ? "UserProfileName" : "SpaceName", owner.name());
            node.put("Status", owner.status());
            node.put("CreationTime", epoch(owner.createdAt()));
            node.put("LastModifiedTime", epoch(owner.createdAt()));
            if (kind == Owner.Kind.SPACE) {
                node.put("SpaceDisplayName", owner.name());
                ObjectNode summary = node.putObject("SpaceSettingsSummary");
                summary.put("AppType", "JupyterLab");
                node.putObject("SpaceSharingSettingsSummary").put("SharingType", owner.sharing());
                if (owner.ownerProfile() != null) {
                    node.putObject("OwnershipSettingsSummary").put("OwnerUserProfileName", owner.ownerProfile());
                }
            }
        }
        putNext(out, page);
        return out;
    }

    private static void sortOwners(List<Owner> owners, JsonNode request) {
        String sortBy = request.path("SortBy").asText(null);
        if (sortBy == null) {
            return;
        }
        if (!sortBy.equals("CreationTime") && !sortBy.equals("LastModifiedTime")) {
            throw AwsError.validation("1 validation error detected: Value '" + sortBy
                    + "' at 'sortBy' failed to satisfy constraint: Member must satisfy enum value set: [CreationTime, LastModifiedTime]");
        }
        Comparator<Owner> order = Comparator.comparing(Owner::createdAt).thenComparing(Owner::name);
        owners.sort("Ascending".equals(request.path("SortOrder").asText("Descending")) ? order : order.reversed());
    }

    private ObjectNode describeUserProfile(World world, JsonNode request) {
        String domainId = text(request, "DomainId", true);
        String name = text(request, "UserProfileName", true);
        Owner owner = world.owner(domainId, name, null);
        if (owner == null) {
            throw AwsError.notFound("User profile " + name + " does not exist in domain " + domainId);
        }
        ObjectNode out = NODES.objectNode();
        out.put("DomainId", domainId);
        out.put("UserProfileArn", world.ownerArn(owner));
        out.put("UserProfileName", owner.name());
        out.put("HomeEfsFileSystemUid", Integer.toString(200000 + Math.abs(owner.name().hashCode() % 100000)));
        out.put("Status", owner.status());
        out.put("LastModifiedTime", epoch(owner.createdAt()));
        out.put("CreationTime", epoch(owner.createdAt()));
        out.set("UserSettings", userSettings(world, owner.settings()));
        return out;
    }

    private ObjectNode describeSpace(World world, JsonNode request) {
        String domainId = text(request, "DomainId", true);
        String name = text(request, "SpaceName", true);
        Owner owner = world.owner(domainId, null, name);
        if (owner == null) {
            throw AwsError.notFound("Space " + name + " does not exist in domain " + domainId);
        }
        ObjectNode out = NODES.objectNode();
        out.put("DomainId", domainId);
        out.put("SpaceArn", world.ownerArn(owner));
        out.put("SpaceName", owner.name());
        out.put("HomeEfsFileSystemUid", Integer.toString(300000 + Math.abs(owner.name().hashCode() % 100000)));
        out.put("Status", owner.status());
        out.put("LastModifiedTime", epoch(owner.createdAt()));
        out.put("CreationTime", epoch(owner.createdAt()));
        ObjectNode settings = out.putObject("SpaceSettings");
        settings.put("AppType", "JupyterLab");
        ObjectNode lab = settings.putObject("JupyterLabAppSettings");
        ObjectNode spec = lab.putObject("DefaultResourceSpec");
        spec.put("InstanceType", "ml.t3.medium");
        if (!owner.settings().lifecycleConfigArns().isEmpty()) {
            spec.put("LifecycleConfigArn", owner.settings().lifecycleConfigArns().get(0));
        }
        if (owner.settings().idleTimeoutMinutes() != null && !"DISABLED".equals(owner.settings().idleShutdown())) {
            lab.putObject("AppLifecycleManagement").putObject("IdleSettings")
                    .put("IdleTimeoutInMinutes", owner.settings().idleTimeoutMinutes());
        }
        if (owner.ownerProfile() != null) {
            out.putObject("OwnershipSettings").put("OwnerUserProfileName", owner.ownerProfile());
        }
        out.putObject("SpaceSharingSettings").put("SharingType", owner.sharing());
        out.put("SpaceDisplayName", owner.name());
        out.put("Url", studioUrl(world, world.domain(domainId)) + "/jupyterlab/default");
        return out;
    }

    private ObjectNode listApps(World world, JsonNode request, Instant now) {
        String domainId = text(request, "DomainIdEquals", false);
        String profile = text(request, "UserProfileNameEquals", false);
        String space = text(request, "SpaceNameEquals", false);
        if (profile != null && space != null) {
            throw AwsError.validation("Only one of UserProfileNameEquals and SpaceNameEquals can be specified");
        }
        if ((profile != null || space != null) && domainId == null) {
            throw AwsError.validation("DomainIdEquals must be specified with UserProfileNameEquals or SpaceNameEquals");
        }
        String sortBy = request.path("SortBy").asText("CreationTime");
        if (!sortBy.equals("CreationTime")) {
            throw AwsError.validation("1 validation error detected: Value '" + sortBy
                    + "' at 'sortBy' failed to satisfy constraint: Member must satisfy enum value set: [CreationTime]");
        }
        List<App> apps = new ArrayList<>();
        for (App app : world.apps()) {
            if (!app.isVisible(now, lifecycle.deletedRetention())
                    || domainId != null && !app.domainId().equals(domainId)
                    || profile != null && !profile.equals(app.userProfileName())
                    || space != null && !space.equals(app.spaceName())) {
                continue;
            }
            apps.add(app);
        }
        Comparator<App> order = Comparator.comparing(App::createdAt).thenComparing(App::name);
        apps.sort("Ascending".equals(request.path("SortOrder").asText("Descending")) ? order : order.reversed());
        Pager.Page<App> page = Pager.page(apps, request, defaultPageSize, MAX_PAGE);
        ObjectNode out = NODES.objectNode();
        ArrayNode items = out.putArray("Apps");
        for (App app : page.items()) {
            ObjectNode node = items.addObject();
            node.put("DomainId", app.domainId());
            putOwner(node, app);
            node.put("AppType", app.type());
            node.put("AppName", app.name());
            node.put("Status", app.status(now));
            node.put("CreationTime", epoch(app.createdAt()));
            node.set("ResourceSpec", resourceSpec(app));
        }
        putNext(out, page);
        return out;
    }

    private ObjectNode describeApp(World world, JsonNode request, Instant now) {
        App app = requireApp(world, request, now);
        if (!app.isVisible(now, lifecycle.deletedRetention())) {
            throw AwsError.notFound("App " + world.appArn(app) + " does not exist");
        }
        String status = app.status(now);
        ObjectNode out = NODES.objectNode();
        out.put("AppArn", world.appArn(app));
        out.put("AppType", app.type());
        out.put("AppName", app.name());
        out.put("DomainId", app.domainId());
        putOwner(out, app);
        out.put("Status", status);
        if ("InService".equals(status)) {
            Instant healthCheck = lastHealthCheck(app, now);
            out.put("LastHealthCheckTimestamp", epoch(healthCheck));
            out.put("LastUserActivityTimestamp", epoch(lastUserActivity(world, app, healthCheck, now)));
        }
        out.put("CreationTime", epoch(app.createdAt()));
        if ("Failed".equals(status)) {
            out.put("FailureReason", "The app failed to start");
        }
        out.set("ResourceSpec", resourceSpec(app));
        return out;
    }

    private ObjectNode createApp(World world, JsonNode request, Instant now) {
        String domainId = text(request, "DomainId", true);
        String profile = text(request, "UserProfileName", false);
        String space = text(request, "SpaceName", false);
        String type = text(request, "AppType", true);
        String name = text(request, "AppName", true);
        if (!APP_TYPES.contains(type)) {
            throw AwsError.validation("1 validation error detected: Value '" + type
                    + "' at 'appType' failed to satisfy constraint: Member must satisfy enum value set: " + APP_TYPES);
        }
        Owner owner = owner(world, domainId, profile, space);
        App existing = world.findApp(domainId, owner.kind() == Owner.Kind.USER_PROFILE ? owner.name() : null,
                owner.kind() == Owner.Kind.SPACE ? owner.name() : null, type, name, now);
        if (existing != null && !existing.isGone(now)) {
            throw AwsError.inUse("App " + world.appArn(existing) + " already exists with status " + existing.status(now));
        }
        JsonNode spec = request.path("ResourceSpec");
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode tag : request.path("Tags")) {
            tags.put(tag.path("Key").asText(), tag.path("Value").asText());
        }
        App app = builder.get().createApp(world, owner, type, name, spec.path("InstanceType").asText(null),
                spec.path("SageMakerImageArn").asText(null), spec.path("LifecycleConfigArn").asText(null), tags, now);
        ObjectNode out = NODES.objectNode();
        out.put("AppArn", world.appArn(app));
        return out;
    }

    private ObjectNode deleteApp(World world, JsonNode request, Instant now) {
        String domainId = text(request, "DomainId", true);
        Owner owner = owner(world, domainId, text(request, "UserProfileName", false), text(request, "SpaceName", false));
        App app = requireApp(world, request, now);
        String status = app.status(now);
        if ("Deleted".equals(status)) {
            throw AwsError.notFound("App " + world.appArn(app) + " does not exist");
        }
        if ("Deleting".equals(status)) {
            throw AwsError.inUse("App " + world.appArn(app) + " is already being deleted");
        }
        world.deleteApp(owner, app, now, lifecycle.deleteDelay());
        return NODES.objectNode();
    }

    private ObjectNode presignedUrl(World world, JsonNode request, String baseUrl, Instant now) {
        String domainId = text(request, "DomainId", true);
        String profile = text(request, "UserProfileName", true);
        String space = text(request, "SpaceName", false);
        int sessionSeconds = intIn(request, "SessionExpirationDurationInSeconds", 43200, 1800, 43200);
        int urlSeconds = intIn(request, "ExpiresInSeconds", 300, 5, 300);
        owner(world, domainId, profile, null);
        if (space != null) {
            owner(world, domainId, null, space);
        }
        String token = frontDoor.issue(new FrontDoor.Grant(domainId, profile, space), Duration.ofSeconds(urlSeconds),
                Duration.ofSeconds(sessionSeconds), now);
        ObjectNode out = NODES.objectNode();
        out.put("AuthorizedUrl", baseUrl + "/auth?token=" + token);
        return out;
    }

    private ObjectNode listTags(World world, JsonNode request) {
        String arn = text(request, "ResourceArn", true);
        Map<String, String> tags = tagsOf(world, arn);
        if (tags == null) {
            throw AwsError.notFound("Resource " + arn + " does not exist");
        }
        List<Map.Entry<String, String>> entries = new ArrayList<>(tags.entrySet());
        Pager.Page<Map.Entry<String, String>> page = Pager.page(entries, request, Math.max(defaultPageSize, 50), MAX_PAGE);
        ObjectNode out = NODES.objectNode();
        ArrayNode items = out.putArray("Tags");
        for (Map.Entry<String, String> tag : page.items()) {
            items.addObject().put("Key", tag.getKey()).put("Value", tag.getValue());
        }
        putNext(out, page);
        return out;
    }

    private static Map<String, String> tagsOf(World world, String arn) {
        for (Domain domain : world.domains().values()) {
            if (world.domainArn(domain).equals(arn)) {
                return domain.tags();
            }
            for (Owner owner : domain.profiles().values()) {
                if (world.ownerArn(owner).equals(arn)) {
                    return owner.tags();
                }
            }
            for (Owner owner : domain.spaces().values()) {
                if (world.ownerArn(owner).equals(arn)) {
                    return owner.tags();
                }
            }
        }
        for (App app : world.apps()) {
            if (world.appArn(app).equals(arn)) {
                return app.tags();
            }
        }
        return null;
    }

    private Instant lastHealthCheck(App app, Instant now) {
        long period = healthCheckInterval.toMillis();
        long since = Duration.between(app.createdAt(), now).toMillis();
        return app.createdAt().plusMillis(since - since % period);
    }

    /** Studio bumps this on health checks too, so it is at least the last health check: a weak signal. */
    private static Instant lastUserActivity(World world, App app, Instant healthCheck, Instant now) {
        Instant latest = app.lastUserActivity() != null ? app.lastUserActivity() : app.createdAt();
        Owner owner = world.owner(app.domainId(), app.userProfileName(), app.spaceName());
        if (owner != null) {
            for (KernelModel kernel : owner.server().kernels().values()) {
                if (app.name().equals(kernel.appName()) || app.type().equals("JupyterLab")) {
                    Instant at = kernel.lastActivity(now);
                    latest = at.isAfter(latest) ? at : latest;
                }
            }
        }
        return healthCheck.isAfter(latest) ? healthCheck : latest;
    }

    private App requireApp(World world, JsonNode request, Instant now) {
        String domainId = text(request, "DomainId", true);
        String profile = text(request, "UserProfileName", false);
        String space = text(request, "SpaceName", false);
        String type = text(request, "AppType", true);
        String name = text(request, "AppName", true);
        if (profile == null && space == null) {
            throw AwsError.validation("Either UserProfileName or SpaceName must be specified");
        }
        App app = world.findApp(domainId, space == null ? profile : null, space, type, name, now);
        if (app == null) {
            String owner = space != null ? space : profile;
            throw AwsError.notFound("App " + world.arnPrefix() + "app/" + domainId + "/" + owner + "/"
                    + type.toLowerCase(java.util.Locale.ROOT) + "/" + name + " does not exist");
        }
        return app;
    }

    private static Owner owner(World world, String domainId, String profile, String space) {
        if (profile == null && space == null) {
            throw AwsError.validation("Either UserProfileName or SpaceName must be specified");
        }
        Domain domain = domain(world, domainId);
        Owner owner = world.owner(domainId, space == null ? profile : null, space);
        if (owner == null) {
            throw AwsError.notFound(space != null ? "Space " + space + " does not exist in domain " + domain.id()
                    : "User profile " + profile + " does not exist in domain " + domain.id());
        }
        return owner;
    }

    private static Domain domain(World world, String domainId) {
        Domain domain = world.domain(domainId);
        if (domain == null) {
            throw AwsError.notFound("Domain " + domainId + " does not exist");
        }
        return domain;
    }

    private static ObjectNode userSettings(World world, Settings settings) {
        ObjectNode out = NODES.objectNode();
        out.put("ExecutionRole", settings.executionRole() != null ? settings.executionRole()
                : "arn:aws:iam::" + world.accountId() + ":role/SageMakerExecutionRole");
        List<String> configs = settings.lifecycleConfigArns();
        ObjectNode jupyter = out.putObject("JupyterServerAppSettings");
        ObjectNode jupyterSpec = jupyter.putObject("DefaultResourceSpec");
        jupyterSpec.put("InstanceType", "system");
        if (!configs.isEmpty()) {
            jupyterSpec.put("LifecycleConfigArn", configs.get(0));
            configs.forEach(jupyter.putArray("LifecycleConfigArns")::add);
        }
        ObjectNode kernelGateway = out.putObject("KernelGatewayAppSettings");
        kernelGateway.putObject("DefaultResourceSpec").put("InstanceType", "ml.t3.medium")
                .put("SageMakerImageArn", WorldBuilder.imageArn(world, "datascience-1.0"));
        ObjectNode lab = out.putObject("JupyterLabAppSettings");
        ObjectNode labSpec = lab.putObject("DefaultResourceSpec");
        labSpec.put("InstanceType", "ml.t3.medium");
        if (!configs.isEmpty()) {
            labSpec.put("LifecycleConfigArn", configs.get(0));
            configs.forEach(lab.putArray("LifecycleConfigArns")::add);
        }
        if (settings.idleShutdown() != null || settings.idleTimeoutMinutes() != null) {
            ObjectNode idle = lab.putObject("AppLifecycleManagement").putObject("IdleSettings");
            idle.put("LifecycleManagement", settings.idleShutdown() != null ? settings.idleShutdown() : "ENABLED");
            if (settings.idleTimeoutMinutes() != null) {
                idle.put("IdleTimeoutInMinutes", settings.idleTimeoutMinutes());
            }
        }
        out.put("StudioWebPortal", "ENABLED");
        return out;
    }

    private static ObjectNode resourceSpec(App app) {
        ObjectNode spec = NODES.objectNode();
        if (app.imageArn() != null) {
            spec.put("SageMakerImageArn", app.imageArn());
        }
        spec.put("InstanceType", app.instanceType());
        if (app.lifecycleConfigArn() != null) {
            spec.put("LifecycleConfigArn", app.lifecycleConfigArn());
        }
        return spec;
    }

    private static void putOwner(ObjectNode node, App app) {
        if (app.userProfileName() != null) {
            node.put("UserProfileName", app.userProfileName());
        }
        if (app.spaceName() != null) {
            node.put("SpaceName", app.spaceName());
        }
    }

    private static void putNext(ObjectNode out, Pager.Page<?> page) {
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
    }

    private static String studioUrl(World world, Domain domain) {
        return "https://" + domain.id() + ".studio." + world.region() + ".sagemaker.aws";
    }

    private static String text(JsonNode request, String field, boolean required) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw AwsError.missing(field);
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new AwsError(400, "SerializationException", "Expected a string for " + field);
        }
        return value.asText();
    }

    private static int intIn(JsonNode request, String field, int fallback, int min, int max) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            String camel = Character.toLowerCase(field.charAt(0)) + field.substring(1);
            throw AwsError.validation("1 validation error detected: Value '" + value.asText() + "' at '" + camel
                    + "' failed to satisfy constraint: Member must have value less than or equal to " + max
                    + " and greater than or equal to " + min);
        }
        return value.asInt();
    }

    /** AWS JSON timestamps: epoch seconds with millisecond fraction, written as a plain number. */
    static BigDecimal epoch(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
    }
}
