package dev.sundown.notifier.config;

import dev.sundown.notifier.delivery.SecretMask;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

public class SecretsProducer {

    /** Every configured secret: Slack webhook URLs and AWS keys. */
    @Produces
    @Singleton
    SecretMask secretMask(NotifierConfig config) {
        List<String> secrets = new ArrayList<>();
        config.slack().webhookUrl().ifPresent(secrets::add);
        secrets.addAll(config.slack().webhooks().values());
        config.sns().accessKeyId().ifPresent(secrets::add);
        config.sns().secretAccessKey().ifPresent(secrets::add);
        return new SecretMask(secrets);
    }
}
