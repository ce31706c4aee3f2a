package dev.sundown.events;

import java.util.HashMap;
import java.util.Map;

/** Every CloudEvents {@code type} Sundown writes, with the record its {@code data} binds to. */
public enum EventType {
    KERNEL_OBSERVED("sundown.kernel.observed.v1", KernelObserved.class),
    TERMINAL_OBSERVED("sundown.terminal.observed.v1", TerminalObserved.class),
    APP_OBSERVED("sundown.app.observed.v1", AppObserved.class),
    SOURCE_UNOBSERVED("sundown.source.unobserved.v1", SourceUnobserved.class),
    SHUTDOWN_COMMAND("sundown.shutdown.command.v1", ShutdownCommand.class),
    SHUTDOWN_RESULT("sundown.shutdown.result.v1", ShutdownResult.class),
    SHUTDOWN_WARNING("sundown.notice.warning.v1", ShutdownWarning.class),
    COMPLIANCE_FINDING("sundown.compliance.finding.v1", ComplianceFinding.class),
    COMPLIANCE_SUMMARY("sundown.compliance.summary.v1", ComplianceSummary.class),
    IDLE_POLICY("sundown.policy.v1", IdlePolicy.class),
    DEAD_LETTER("sundown.deadletter.v1", DeadLetter.class);

    private static final Map<String, EventType> BY_TYPE = new HashMap<>();
    private static final Map<Class<?>, EventType> BY_CLASS = new HashMap<>();

    static {
        for (EventType t : values()) {
            BY_TYPE.put(t.type, t);
            BY_CLASS.put(t.dataClass, t);
        }
    }

    private final String type;
    private final Class<? extends EventData> dataClass;

    EventType(String type, Class<? extends EventData> dataClass) {
        this.type = type;
        this.dataClass = dataClass;
    }

    /** The CloudEvents {@code type} attribute. */
    public String type() {
        return type;
    }

    public Class<? extends EventData> dataClass() {
        return dataClass;
    }

    /** Classpath location of the JSON Schema of this type's {@code data}. */
    public String schemaResource() {
        return "/schemas/" + type + ".schema.json";
    }

    public static EventType ofType(String type) {
        return BY_TYPE.get(type);
    }

    public static EventType of(EventData data) {
        return BY_CLASS.get(data.getClass());
    }

    public static EventType ofClass(Class<? extends EventData> dataClass) {
        return BY_CLASS.get(dataClass);
    }
}
