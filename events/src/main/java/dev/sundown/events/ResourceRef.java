package dev.sundown.events;

/**
 * A resource inside an app: a kernel id, a terminal name, or the app's own name for {@link ResourceKind#APP}.
 */
public record ResourceRef(ResourceKind kind, String id) {
    public ResourceRef {
        Require.present(kind, "resource.kind");
        Require.text(id, "resource.id");
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }
}
