package dev.sundown.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldLetABurstUpToCapacityThroughThenSpaceCallsAtTheRate() {
        TokenBucket bucket = new TokenBucket(2, 2, 0);

        assertThat(bucket.reserve(0)).isZero();
        assertThat(bucket.reserve(0)).isZero();
        assertThat(bucket.reserve(0)).isEqualTo(SECOND / 2);
        assertThat(bucket.reserve(0)).isEqualTo(SECOND);
    }

    @Test
    void shouldRefillOverTimeButNotBeyondCapacity() {
        TokenBucket bucket = new TokenBucket(2, 2, 0);
        bucket.reserve(0);
        bucket.reserve(0);

        assertThat(bucket.reserve(SECOND / 2)).isZero();
        assertThat(bucket.reserve(100 * SECOND)).isZero();
        assertThat(bucket.reserve(100 * SECOND)).isZero();
        assertThat(bucket.reserve(100 * SECOND)).isEqualTo(SECOND / 2);
    }
}
