package dev.sundown.simulator.jupyter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sundown.simulator.world.Activity;
import dev.sundown.simulator.world.JupyterServerModel;
import dev.sundown.simulator.world.KernelModel;
import dev.sundown.simulator.world.TerminalModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Jupyter Server 1.23's REST API ({@code /api/...}) answered from the in-memory model, with its status codes and
 * error bodies. Plain code: the caller holds the world lock and writes the {@link Reply}.
 */
public final class JupyterModelApi {

    /** Jupyter Server's route patterns: ids are five dash-separated word groups, terminal names word characters. */
    private static final Pattern UUID_LIKE = Pattern.compile("\\w+-\\w+-\\w+-\\w+-\\w+");

    /** The reply, and the name of the mutation for the call log ({@code null} for reads). */
    public record Handled(Reply reply, String mutation) {

        static Handled read(Reply reply) {
            return new Handled(reply, null);
        }
    }

    private JupyterModelApi() {
    }

    /**
     * @param segments      the path after {@code /api/}, decoded (e.g. {@code ["kernels", "<id>"]})
     * @param trackActivity false when the request has {@code no_track_activity}
     * @param studio        Studio's flavour: kernels carry {@code app_name}
     */
    public static Handled handle(JupyterServerModel server, String method, List<String> segments, boolean trackActivity,
            boolean studio, String body, Instant now) {
        if (segments.isEmpty()) {
            return Handled.read(notFound());
        }
        String collection = segments.get(0);
        boolean statusCall = collection.equals("status") && segments.size() == 1;
        if (trackActivity && !statusCall) {
            server.recordApiActivity(now);
        }
        return switch (collection) {
            case "status" -> segments.size() == 1 && method.equals("GET")
                    ? Handled.read(Reply.json(200, JupyterJson.status(server, now).toString()))
                    : Handled.read(segments.size() == 1 ? methodNotAllowed() : notFound());
            case "kernels" -> kernels(server, method, segments, trackActivity, studio, body, now);
            case "sessions" -> sessions(server, method, segments, trackActivity, studio, body, now);
            case "terminals" -> terminals(server, method, segments, now);
            default -> Handled.read(notFound());
        };
    }

    private static Handled kernels(JupyterServerModel server, String method, List<String> segments, boolean track,
            boolean studio, String body, Instant now) {
        if (segments.size() == 1) {
            return switch (method) {
                case "GET" -> Handled.read(Reply.json(200, JupyterJson.kernels(server, now, studio)));
                case "POST" -> {
                    KernelModel kernel = startKernel(server, name(body, "python3"), null, now);
                    yield new Handled(Reply.json(201, JupyterJson.kernel(kernel, now, studio).toString())
                            .withHeader("Location", "/api/kernels/" + kernel.id()), "CreateKernel");
                }
                default -> Handled.read(methodNotAllowed());
            };
        }
        String id = segments.get(1);
        if (!UUID_LIKE.matcher(id).matches() || segments.size() > 3) {
            return Handled.read(notFound());
        }
        KernelModel kernel = server.kernels().get(id);
        if (segments.size() == 3) {
            String action = segments.get(2);
            if (!method.equals("POST") || !(action.equals("interrupt") || action.equals("restart"))) {
                return Handled.read(notFound());
            }
            if (kernel == null) {
                return Handled.read(kernelMissing(id));
            }
            kernel.activity().busy(now, Duration.ZERO);
            return action.equals("interrupt") ? new Handled(Reply.noContent(), "InterruptKernel")
                    : new Handled(Reply.json(200, JupyterJson.kernel(kernel, now, studio).toString()), "RestartKernel");
        }
        return switch (method) {
            case "GET" -> {
                if (kernel == null) {
                    yield Handled.read(kernelMissing(id));
                }
                if (track) {
                    kernel.activity().touch(now);
                }
                yield Handled.read(Reply.json(200, JupyterJson.kernel(kernel, now, studio).toString()));
            }
            case "DELETE" -> {
                if (kernel == null) {
                    yield new Handled(kernelMissing(id), "DeleteKernel");
                }
                server.kernels().remove(id);
                yield new Handled(Reply.noContent(), "DeleteKernel");
            }
            default -> Handled.read(methodNotAllowed());
        };
    }

    private static Handled sessions(JupyterServerModel server, String method, List<String> segments, boolean track,
            boolean studio, String body, Instant now) {
        if (segments.size() == 1) {
            return switch (method) {
                case "GET" -> Handled.read(Reply.json(200, JupyterJson.sessions(server, now, studio)));
                case "POST" -> {
                    JsonNode request = parse(body);
                    String path = request.path("path").asText("Untitled.ipynb");
                    String kernelName = request.path("kernel").path("name").asText("python3");
                    KernelModel.SessionInfo session = new KernelModel.SessionInfo(UUID.randomUUID().toString(), path,
                            request.path("name").asText(path.substring(path.lastIndexOf('/') + 1)),
                            request.path("type").asText("notebook"));
                    KernelModel kernel = startKernel(server, kernelName, session, now);
                    yield new Handled(Reply.json(201, JupyterJson.session(kernel, now, studio).toString())
                            .withHeader("Location", "/api/sessions/" + session.id()), "CreateSession");
                }
                default -> Handled.read(methodNotAllowed());
            };
        }
        String id = segments.get(1);
        if (!UUID_LIKE.matcher(id).matches() || segments.size() > 2) {
            return Handled.read(notFound());
        }
        KernelModel kernel = server.kernels().values().stream()
                .filter(k -> k.session() != null && k.session().id().equals(id)).findFirst().orElse(null);
        return switch (method) {
            case "GET" -> {
                if (kernel == null) {
                    yield Handled.read(Reply.json(404, JupyterJson.error("Session not found: session_id='" + id + "'")));
                }
                if (track) {
                    kernel.activity().touch(now);
                }
                yield Handled.read(Reply.json(200, JupyterJson.session(kernel, now, studio).toString()));
            }
            case "DELETE" -> {
                if (kernel == null) {
                    yield new Handled(Reply.json(404, JupyterJson.error("Session not found: session_id='" + id + "'")),
                            "DeleteSession");
                }
                server.kernels().remove(kernel.id());
                yield new Handled(Reply.noContent(), "DeleteSession");
            }
            default -> Handled.read(methodNotAllowed());
        };
    }

    private static Handled terminals(JupyterServerModel server, String method, List<String> segments, Instant now) {
        if (segments.size() == 1) {
            return switch (method) {
                case "GET" -> Handled.read(Reply.json(200, JupyterJson.terminals(server, now)));
                case "POST" -> {
                    TerminalModel terminal = new TerminalModel(server.nextTerminalName(), null, new Activity(now, null));
                    server.addTerminal(terminal);
                    yield new Handled(Reply.json(200, JupyterJson.terminal(terminal, now).toString()), "CreateTerminal");
                }
                default -> Handled.read(methodNotAllowed());
            };
        }
        if (segments.size() > 2) {
            return Handled.read(notFound());
        }
        String name = segments.get(1);
        TerminalModel terminal = server.terminals().get(name);
        return switch (method) {
            case "GET" -> terminal == null ? Handled.read(terminalMissing(name))
                    : Handled.read(Reply.json(200, JupyterJson.terminal(terminal, now).toString()));
            case "DELETE" -> {
                if (terminal == null) {
                    yield new Handled(terminalMissing(name), "DeleteTerminal");
                }
                server.terminals().remove(name);
                yield new Handled(Reply.noContent(), "DeleteTerminal");
            }
            default -> Handled.read(methodNotAllowed());
        };
    }

    private static KernelModel startKernel(JupyterServerModel server, String name, KernelModel.SessionInfo session, Instant now) {
        KernelModel kernel = new KernelModel(UUID.randomUUID().toString(), name, null, session, 0, new Activity(now, null));
        server.addKernel(kernel);
        return kernel;
    }

    private static String name(String body, String fallback) {
        return parse(body).path("name").asText(fallback);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JupyterJson.MAPPER.createObjectNode();
        }
        try {
            return JupyterJson.MAPPER.readTree(body);
        } catch (Exception e) {
            return JupyterJson.MAPPER.createObjectNode();
        }
    }

    public static Reply notFound() {
        return Reply.html(404, JupyterJson.notFoundPage());
    }

    static Reply methodNotAllowed() {
        return Reply.json(405, JupyterJson.error("Method Not Allowed"));
    }

    static Reply kernelMissing(String id) {
        return Reply.json(404, JupyterJson.error("Kernel does not exist: " + id));
    }

    static Reply terminalMissing(String name) {
        return Reply.json(404, JupyterJson.error("Terminal not found: " + name));
    }
}
