package dev.sundown.evaluator.streams;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.sundown.evaluator.domain.AppState;
import dev.sundown.evaluator.domain.Child;
import dev.sundown.evaluator.domain.Issued;
import dev.sundown.evaluator.domain.Unobserved;
import dev.sundown.events.AppKey;
import dev.sundown.events.EventCodec;
import dev.sundown.events.ExecutionState;
import dev.sundown.events.OwnerKind;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of the app-state store (and its changelog): a compact binary form, a version byte followed by the fields
 * in declaration order (strings as length-prefixed UTF-8, instants as seconds and nanos, each nullable value behind
 * a presence flag, maps as a count followed by their entries). Values written as JSON (a leading {@code '{'}) are
 * still read, so a changelog written in JSON restores.
 */
public final class AppStateSerde implements Serde<AppState> {

    static final byte VERSION = 1;
    private static final ObjectReader JSON = EventCodec.newMapper().readerFor(AppState.class);

    @Override
    public Serializer<AppState> serializer() {
        return (topic, state) -> state == null ? null : write(state);
    }

    @Override
    public Deserializer<AppState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(AppState s) {
        Buffer bytes = new Buffer();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writeString(out, s.appKey().toString());
            writeString(out, s.ownerKind() == null ? null : s.ownerKind().name());
            writeString(out, s.status());
            writeString(out, s.instanceType());
            writeString(out, s.image());
            writeMap(out, s.tags(), (o, v) -> writeString(o, v));
            writeInstant(out, s.creationTime());
            writeInstant(out, s.lastUserActivity());
            out.writeBoolean(s.inventoryKnown());
            writeInstant(out, s.inventoryObservedAt());
            writeMap(out, s.kernels(), AppStateSerde::writeChild);
            writeMap(out, s.terminals(), AppStateSerde::writeChild);
            writeInstant(out, s.kernelActivity());
            writeInstant(out, s.terminalActivity());
            writeInstant(out, s.emptySince());
            writeInstant(out, s.clockFloor());
            writeMap(out, s.sources(), AppStateSerde::writeInstant);
            writeMap(out, s.unobserved(), (o, u) -> {
                writeString(o, u.reason());
                writeInstant(o, u.at());
            });
            writeInstant(out, s.coverageLostAt());
            writeMap(out, s.issued(), (o, i) -> {
                writeInstant(o, i.idleSince());
                writeInstant(o, i.warnedAt());
                writeInstant(o, i.commandedAt());
                writeString(o, i.commandId());
            });
            out.writeBoolean(s.indexedAt() != null);
            if (s.indexedAt() != null) {
                out.writeLong(s.indexedAt());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write app state", e);
        }
        return bytes.toByteArray();
    }

    static AppState read(byte[] bytes) {
        try {
            if (bytes.length > 0 && bytes[0] == '{') {
                return JSON.readValue(bytes);
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IOException("unknown app state format " + version);
            }
            AppKey appKey = AppKey.parse(readString(in));
            String ownerKind = readString(in);
            String status = readString(in);
            String instanceType = readString(in);
            String image = readString(in);
            Map<String, String> tags = readMap(in, AppStateSerde::readString);
            Instant creationTime = readInstant(in);
            Instant lastUserActivity = readInstant(in);
            boolean inventoryKnown = in.readBoolean();
            Instant inventoryObservedAt = readInstant(in);
            Map<String, Child> kernels = readMap(in, AppStateSerde::readChild);
            Map<String, Child> terminals = readMap(in, AppStateSerde::readChild);
            Instant kernelActivity = readInstant(in);
            Instant terminalActivity = readInstant(in);
            Instant emptySince = readInstant(in);
            Instant clockFloor = readInstant(in);
            Map<String, Instant> sources = readMap(in, AppStateSerde::readInstant);
            Map<String, Unobserved> unobserved = readMap(in, i -> new Unobserved(readString(i), readInstant(i)));
            Instant coverageLostAt = readInstant(in);
            Map<String, Issued> issued = readMap(in, i -> new Issued(readInstant(i), readInstant(i), readInstant(i),
                    readString(i)));
            Long indexedAt = in.readBoolean() ? in.readLong() : null;
            return new AppState(appKey, ownerKind == null ? null : OwnerKind.valueOf(ownerKind), status,
                    instanceType, image, tags, creationTime, lastUserActivity, inventoryKnown, inventoryObservedAt,
                    kernels, terminals, kernelActivity, terminalActivity, emptySince, clockFloor, sources,
                    unobserved, coverageLostAt, issued, indexedAt);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read app state", e);
        }
    }

    /**
     * The bytes being written: unsynchronized, and sized for a typical state (an app with a few kernels and terminals
     * takes 500 - 1,000 bytes) so that it seldom grows.
     */
    private static final class Buffer extends OutputStream {
        private byte[] buf = new byte[1536];
        private int size;

        @Override
        public void write(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
    }

    private interface Writer<T> {
        void write(DataOutputStream out, T value) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static void writeChild(DataOutputStream out, Child c) throws IOException {
        writeString(out, c.id());
        writeString(out, c.name());
        writeString(out, c.state() == null ? null : c.state().name());
        out.writeInt(c.connections());
        writeInstant(out, c.lastActivity());
        writeInstant(out, c.observedAt());
        writeString(out, c.notebookPath());
    }

    private static Child readChild(DataInputStream in) throws IOException {
        String id = readString(in);
        String name = readString(in);
        String state = readString(in);
        return new Child(id, name, state == null ? null : ExecutionState.valueOf(state), in.readInt(),
                readInstant(in), readInstant(in), readString(in));
    }

    private static <T> void writeMap(DataOutputStream out, Map<String, T> map, Writer<T> values) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, T> e : map.entrySet()) {
            writeString(out, e.getKey());
            values.write(out, e.getValue());
        }
    }

    private static <T> Map<String, T> readMap(DataInputStream in, Reader<T> values) throws IOException {
        int size = in.readInt();
        if (size == 0) {
            return null; // AppState keeps an empty map
        }
        Map<String, T> map = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            String key = readString(in);
            map.put(key, values.read(in));
        }
        return map;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] b = new byte[length];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void writeInstant(DataOutputStream out, Instant t) throws IOException {
        out.writeBoolean(t != null);
        if (t != null) {
            out.writeLong(t.getEpochSecond());
            out.writeInt(t.getNano());
        }
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }
}
