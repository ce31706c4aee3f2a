package dev.sundown.evaluator.streams;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the deadline index: 8-byte big-endian epoch millis followed by the app key, so byte order is deadline
 * order and a range scan up to "now" touches only what is due.
 */
public final class DeadlineIndex {

    static final byte[] EMPTY = new byte[0];

    private DeadlineIndex() {
    }

    public static Bytes key(long epochMillis, String appKey) {
        byte[] app = appKey.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(8 + app.length).putLong(epochMillis).put(app).array());
    }

    /** The lower bound of a scan: before every deadline. */
    public static Bytes lowest() {
        return Bytes.wrap(ByteBuffer.allocate(8).putLong(0L).array());
    }

    /** The upper bound of a scan for every entry whose deadline is at or before {@code now}. */
    public static Bytes upTo(Instant now) {
        return Bytes.wrap(ByteBuffer.allocate(8).putLong(now.toEpochMilli() + 1).array());
    }

    public static long deadline(Bytes key) {
        return ByteBuffer.wrap(key.get()).getLong();
    }

    public static String appKey(Bytes key) {
        byte[] k = key.get();
        return new String(k, 8, k.length - 8, StandardCharsets.UTF_8);
    }
}
