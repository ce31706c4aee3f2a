package dev.sundown.simulator.world;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The world file (YAML or JSON) as written by a person. Every field is optional unless said otherwise;
 * durations are strings such as {@code 90s}, {@code 10m}, {@code 2h} (see {@link Durations}).
 * The same records are accepted by the admin API to add things at runtime.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorldSpec(
        Double timeScale,
        String accountId,
        String region,
        List<String> snsTopics,
        List<DomainSpec> domains,
        List<TargetSpec> targets) {

    /** A SageMaker domain. {@code id} is required. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DomainSpec(
            String id,
            String name,
            String status,
            String createdAgo,
            Map<String, String> tags,
            SettingsSpec defaultUserSettings,
            List<ProfileSpec> userProfiles,
            List<SpaceSpec> spaces) {
    }

    /** Settings an admin cares about: lifecycle configurations and built-in idle shutdown. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SettingsSpec(
            String executionRole,
            List<String> lifecycleConfigArns,
            String idleShutdown,
            Integer idleTimeoutMinutes) {
    }

    /** A user profile. {@code name} is required. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProfileSpec(
            String name,
            String status,
            String createdAgo,
            Map<String, String> tags,
            SettingsSpec settings,
            ServerSpec server,
            List<AppSpec> apps) {
    }

    /** A shared or private space (new Studio). {@code name} is required. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SpaceSpec(
            String name,
            String owner,
            String sharing,
            String status,
            String createdAgo,
            Map<String, String> tags,
            SettingsSpec settings,
            ServerSpec server,
            List<AppSpec> apps) {
    }

    /** How the owner's Jupyter server answers behind the Studio front door, and its system terminals. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServerSpec(
            String reachability,
            String slowBy,
            ProxySpec proxy,
            String startedAgo,
            List<TerminalSpec> terminals) {
    }

    /** A real Jupyter Server that answers for a profile or space. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProxySpec(String url, String token) {
    }

    /** A Studio app. {@code type} and {@code name} are required. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AppSpec(
            String type,
            String name,
            String status,
            String instanceType,
            String image,
            String lifecycleConfigArn,
            String createdAgo,
            String lastUserActivityAgo,
            List<KernelSpec> kernels,
            List<TerminalSpec> terminals) {
    }

    /** A kernel and its scripted activity, relative to the simulator's start. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KernelSpec(
            String id,
            String name,
            String notebook,
            Integer connections,
            String idleSince,
            String busyFor,
            String busyEvery,
            String busyDuration,
            String app) {
    }

    /** A terminal and its scripted activity. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TerminalSpec(String name, String idleSince, String typedEvery) {
    }

    /** A self-managed Jupyter server reached with a token, or a template that generates many. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TargetSpec(
            String name,
            String token,
            String reachability,
            String slowBy,
            ProxySpec proxy,
            String startedAgo,
            List<KernelSpec> kernels,
            List<TerminalSpec> terminals,
            GenerateSpec generate) {
    }

    /** Generates {@code count} targets named {@code namePrefix + index} (index from 1, zero-padded to 4). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GenerateSpec(
            Integer count,
            String namePrefix,
            String token,
            Integer kernelsEach,
            Integer terminalsEach,
            String idleSince,
            String busyEvery,
            String busyDuration) {
    }
}
