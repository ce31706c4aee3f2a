package dev.sundown.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSecurityExamplesTest {

    static Map<String, String> env(Path file) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String line : Repo.read(file).split("\\R")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] kv = line.split("=", 2);
                out.put(kv[0], kv[1]);
            }
        }
        return out;
    }

    @Test
    void shouldShowTlsScramAndMskIam() {
        assertThat(env(Repo.path("deploy/kafka-security/tls.env"))).containsEntry("KAFKA_SECURITY_PROTOCOL", "SSL");
        assertThat(env(Repo.path("deploy/kafka-security/sasl-scram.env"))).containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        assertThat(env(Repo.path("deploy/kafka-security/msk-iam.env"))).containsEntry("KAFKA_SASL_MECHANISM", "AWS_MSK_IAM")
                .containsEntry("QUARKUS_KAFKA_STREAMS_SASL_MECHANISM", "AWS_MSK_IAM");
    }

    @Test
    void shouldUseOnlySettingsTheServicesHave() {
        List<String> problems = new ArrayList<>();
        for (Path file : Repo.files(Repo.path("deploy/kafka-security"), ".env")) {
            for (String variable : env(file).keySet()) {
                List<String> services = variable.startsWith("QUARKUS_KAFKA_STREAMS_") ? List.of("idle-evaluator")
                        : Repo.SERVICES;
                for (String service : services) {
                    Environment.problem(service, variable).ifPresent(p -> problems.add(file.getFileName() + ": " + p));
                }
            }
        }

        assertThat(problems).isEmpty();
    }
}
