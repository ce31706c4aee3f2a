package dev.sundown.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What a user of the studio-simulator sees and does, through its {@code /_sim} admin API. */
final class Simulator {

    private final String baseUrl;
    private final String domain;

    Simulator(String baseUrl, String domain) {
        this.baseUrl = baseUrl;
        this.domain = domain;
    }

    String baseUrl() {
        return baseUrl;
    }

    String domain() {
        return domain;
    }

    /** Adds a user profile (a ProfileSpec as JSON) to the test domain; its scripts start now. */
    void addProfile(String profileSpecJson) {
        Http.post(admin("/domains/" + domain + "/profiles"), profileSpecJson).expect2xx("add profile");
    }

    /** Adds a profile with a running JupyterServer app and one KernelGateway app. */
    void addProfileWithApp(String profile, String tagsJson, String kgApp, String image, String instanceType,
                           String kernelsJson, String terminalsJson) {
        addProfile("""
                {"name": "%s", "tags": %s,
                 "apps": [{"type": "JupyterServer", "name": "default"},
                          {"type": "KernelGateway", "name": "%s", "image": "%s", "instanceType": "%s",
                           "kernels": %s, "terminals": %s}]}"""
                .formatted(profile, tagsJson, kgApp, image, instanceType, kernelsJson, terminalsJson));
    }

    JsonNode profileServer(String profile) {
        return Http.get(admin("/domains/" + domain + "/profiles/" + profile + "/server")).expect2xx("server").json();
    }

    void addProfileKernel(String profile, String app, String idleSince) {
        Http.post(admin("/domains/" + domain + "/profiles/" + profile + "/server/kernels"),
                "{\"app\": \"" + app + "\", \"idleSince\": \"" + idleSince + "\"}").expect2xx("add kernel");
    }

    void typeInProfileTerminal(String profile, String terminalName) {
        Http.post(admin("/domains/" + domain + "/profiles/" + profile + "/server/terminals/"
                + URLEncoder.encode(terminalName, StandardCharsets.UTF_8).replace("+", "%20") + "/type"), "{}")
                .expect2xx("type");
    }

    void profileReachability(String profile, String mode) {
        Http.put(admin("/domains/" + domain + "/profiles/" + profile + "/server/reachability"),
                "{\"mode\": \"" + mode + "\"}").expect2xx("reachability");
    }

    /** Adds a kernel to a static target; returns its id. */
    String addTargetKernel(String target, String idleSince) {
        JsonNode created = Http.post(admin("/targets/" + target + "/kernels"),
                "{\"idleSince\": \"" + idleSince + "\"}").expect2xx("add target kernel").json();
        return created.path("id").asText();
    }

    List<String> targetKernelIds(String target) {
        JsonNode server = Http.get(admin("/targets/" + target)).expect2xx("target").json();
        List<String> ids = new ArrayList<>();
        server.path("kernels").forEach(k -> ids.add(k.path("id").asText()));
        return ids;
    }

    void targetReachability(String target, String mode, String slowBy) {
        Http.put(admin("/targets/" + target + "/reachability"), slowBy == null
                ? "{\"mode\": \"" + mode + "\"}"
                : "{\"mode\": \"" + mode + "\", \"slowBy\": \"" + slowBy + "\"}").expect2xx("reachability");
    }

    void faults(String json) {
        Http.put(admin("/faults"), json).expect2xx("faults");
    }

    void clearFaults() {
        Http.delete(admin("/faults")).expect2xx("clear faults");
    }

    /** Every call recorded for a service: sagemaker, sns, slack, jupyter or studio. */
    List<Call> callsOf(String service) {
        return parse(Http.get(admin("/calls?service=" + service)).expect2xx("calls").json());
    }

    /** Every call recorded with this operation (SageMaker {@code DeleteApp}, Jupyter {@code DeleteKernel} ...). */
    List<Call> calls(String operation) {
        return parse(Http.get(admin("/calls?operation=" + operation)).expect2xx("calls").json());
    }

    private static List<Call> parse(JsonNode calls) {
        List<Call> out = new ArrayList<>();
        calls.forEach(c -> out.add(new Call(Instant.parse(c.path("time").asText()), c.path("service").asText(),
                c.path("operation").asText(), c.path("request"), c.path("status").asInt(),
                c.path("errorType").asText(null))));
        return out;
    }

    /** Successful DeleteApp calls (the SageMaker API) for one app name. */
    List<Call> deleteAppCalls(String appName) {
        return calls("DeleteApp").stream()
                .filter(c -> c.service().equals("sagemaker") && c.status() == 200)
                .filter(c -> appName.equals(c.request().path("AppName").asText()))
                .toList();
    }

    /** Successful Jupyter DeleteKernel calls whose path names the kernel. */
    List<Call> deleteKernelCalls(String kernelId) {
        return calls("DeleteKernel").stream()
                .filter(c -> c.status() / 100 == 2)
                .filter(c -> c.request().toString().contains(kernelId))
                .toList();
    }

    /** The status of an app as the world holds it now, or null when it does not exist. */
    String appStatus(String profile, String appName) {
        JsonNode world = Http.get(admin("/world")).expect2xx("world").json();
        for (JsonNode d : world.path("domains")) {
            for (JsonNode p : d.path("userProfiles")) {
                if (!profile.equals(p.path("name").asText())) {
                    continue;
                }
                for (JsonNode a : p.path("apps")) {
                    if (appName.equals(a.path("name").asText())) {
                        return a.path("status").asText();
                    }
                }
            }
        }
        return null;
    }

    List<JsonNode> snsMessages() {
        List<JsonNode> out = new ArrayList<>();
        Http.get(admin("/sns/messages")).expect2xx("sns").json().forEach(out::add);
        return out;
    }

    List<JsonNode> slackMessages() {
        List<JsonNode> out = new ArrayList<>();
        Http.get(admin("/slack/messages")).expect2xx("slack").json().forEach(out::add);
        return out;
    }

    /**
     * Whether Slack received the warning that {@code app} will be shut down, addressed to {@code slackUser}. The
     * whole opening of the message is matched: a profile name alone also occurs inside other words and messages.
     */
    boolean slackWarned(String slackUser, String app) {
        return slackPosted("<@" + slackUser + "> Your app " + app + " will be shut down at ", "");
    }

    /**
     * Whether Slack received a message whose text opens with {@code opening} and which contains {@code fragment}
     * anywhere (its text or its blocks).
     */
    boolean slackPosted(String opening, String fragment) {
        return slackPosts(opening, fragment) > 0;
    }

    /** How many Slack messages open with {@code opening} and contain {@code fragment}. */
    long slackPosts(String opening, String fragment) {
        return slackMessages().stream()
                .filter(m -> m.path("text").asText().startsWith(opening) && m.toString().contains(fragment)).count();
    }

    private String admin(String path) {
        return baseUrl + "/_sim" + path;
    }

    /** One call the simulator received. */
    record Call(Instant time, String service, String operation, JsonNode request, int status, String errorType) {
    }
}
