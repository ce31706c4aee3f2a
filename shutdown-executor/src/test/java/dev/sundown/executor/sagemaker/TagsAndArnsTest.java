package dev.sundown.executor.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sundown.events.OwnerKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagsAndArnsTest {

    private static final String APP_ARN = "arn:aws:sagemaker:us-east-1:123456789012:app/d-1/alice/KernelGateway/kg-1";

    @Test
    void shouldDeriveTheOwnerArnFromTheAppArn() {
        assertThat(Arns.ownerArn(APP_ARN, OwnerKind.USER_PROFILE, "d-1", "alice"))
                .contains("arn:aws:sagemaker:us-east-1:123456789012:user-profile/d-1/alice");
        assertThat(Arns.ownerArn(APP_ARN, OwnerKind.SPACE, "d-1", "team"))
                .contains("arn:aws:sagemaker:us-east-1:123456789012:space/d-1/team");
        assertThat(Arns.ownerArn("not-an-arn", OwnerKind.SPACE, "d-1", "team")).isEmpty();
    }

    @Test
    void shouldLetAppTagsOverrideOwnerTags() {
        assertThat(TagExemption.exempt(Map.of("sundown:exempt", "true"), Map.of())).isTrue();
        assertThat(TagExemption.exempt(Map.of("sundown:exempt", "true"), Map.of("sundown:exempt", "false")))
                .isFalse();
        assertThat(TagExemption.exempt(Map.of(), Map.of("sundown:exempt", "TRUE"))).isTrue();
        assertThat(TagExemption.exempt(Map.of("team", "ml"), Map.of())).isFalse();
    }
}
