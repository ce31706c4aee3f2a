package dev.sundown.bench;

import dev.sundown.events.AppKey;
import dev.sundown.events.AppObserved;
import dev.sundown.events.AppType;
import dev.sundown.events.CloudEvent;
import dev.sundown.events.EventCodec;
import dev.sundown.events.ExecutionState;
import dev.sundown.events.KernelObserved;
import dev.sundown.events.OwnerKind;
import dev.sundown.events.TerminalObserved;
import dev.sundown.events.Topics;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Activity as the collector publishes it for SageMaker Studio KernelGateway apps: per app and poll one app event
 * (full inventory), one event per kernel and one per terminal, keyed by the app key, CloudEvents JSON through
 * {@link EventCodec}. Every app has two kernels and every other app a terminal; activity is recent (within
 * minutes), so nothing comes due during a run with the default two-hour limit.
 */
final class ActivityData {

    static final URI SOURCE = URI.create("/sundown/activity-collector");
    private static final String DOMAIN = "d-bench0000001";
    private static final Map<String, String> TAGS = Map.of("team", "ml-platform", "sundown:email",
            "owner@example.com");

    private final EventCodec codec = EventCodec.standard();
    private final SplittableRandom random = new SplittableRandom(42);
    private final int apps;
    private final Instant now;

    ActivityData(int apps, Instant now) {
        this.apps = apps;
        this.now = now;
    }

    static AppKey appKey(int app) {
        return AppKey.studio(DOMAIN, profile(app), AppType.KernelGateway,
                String.format(Locale.ROOT, "datascience-1-0-ml-t3-medium-%07x", app * 2654435761L & 0xfffffffL));
    }

    private static String profile(int app) {
        return String.format(Locale.ROOT, "user-%06d", app / 2);
    }

    /** The records of one poll of app {@code app}, in the order the collector publishes them. */
    List<ProducerRecord<String, byte[]>> poll(int app, int cycle) {
        AppKey key = appKey(app);
        String source = "studio/" + DOMAIN + "/" + profile(app);
        Instant observed = now.plusMillis(cycle * 60_000L + (app % 60_000));
        List<String> kernels = List.of(kernelId(app, 0), kernelId(app, 1));
        List<String> terminals = app % 2 == 0 ? List.of("1") : List.of();
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(4);
        AppObserved a = new AppObserved(key, source, OwnerKind.USER_PROFILE, "InService", "ml.t3.medium",
                "arn:aws:sagemaker:us-east-1:081325390199:image/sagemaker-distribution-cpu", now.minus(
                Duration.ofHours(3)), observed.minusSeconds(5), observed.minusSeconds(30), kernels, terminals,
                TAGS, observed);
        out.add(record(Topics.APP_ACTIVITY.name(), key, a, observed));
        for (int k = 0; k < kernels.size(); k++) {
            ExecutionState state = random.nextInt(10) == 0 ? ExecutionState.BUSY : ExecutionState.IDLE;
            KernelObserved e = new KernelObserved(key, source, kernels.get(k), "python3", state,
                    random.nextInt(3), observed.minusSeconds(random.nextInt(1800)),
                    "work/project-" + app + "/analysis-" + k + ".ipynb", observed);
            out.add(record(Topics.KERNEL_ACTIVITY.name(), key, e, observed));
        }
        for (String t : terminals) {
            TerminalObserved e = new TerminalObserved(key, source, t, observed.minusSeconds(random.nextInt(1800)),
                    observed);
            out.add(record(Topics.TERMINAL_ACTIVITY.name(), key, e, observed));
        }
        return out;
    }

    /** An app with no children yet: one app event, for the scale benchmark. */
    ProducerRecord<String, byte[]> emptyApp(int app) {
        AppKey key = appKey(app);
        String source = "studio/" + DOMAIN + "/" + profile(app);
        AppObserved a = new AppObserved(key, source, OwnerKind.USER_PROFILE, "InService", "ml.t3.medium", null,
                now.minusSeconds(60), now, now, List.of(), List.of(), Map.of(), now);
        return record(Topics.APP_ACTIVITY.name(), key, a, now);
    }

    int apps() {
        return apps;
    }

    private ProducerRecord<String, byte[]> record(String topic, AppKey key, dev.sundown.events.EventData data,
                                                  Instant time) {
        byte[] value = codec.encode(CloudEvent.of(SOURCE, time, data));
        return new ProducerRecord<>(topic, null, time.toEpochMilli(), key.toString(), value);
    }

    private static String kernelId(int app, int k) {
        long a = app * 0x9E3779B97F4A7C15L + k;
        return String.format(Locale.ROOT, "%08x-%04x-4%03x-8%03x-%012x", (int) (a >>> 32), (int) (a >>> 16) & 0xffff,
                (int) a & 0xfff, (app + k) & 0xfff, a & 0xffffffffffffL);
    }
}
