package dev.outcrop.core.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class LocationCredentialsTest {

    @Test
    void toString_masksEveryValue() {
        String keys = new AccessKeyCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "token-value").toString();
        String role = new RoleCredentials("arn:aws:iam::123456789012:role/BedrockAccess", "ext-id").toString();

        assertThat(keys).doesNotContain("AKIAIOSFODNN7EXAMPLE").doesNotContain("wJalr").doesNotContain("token-value").contains("****");
        assertThat(role).doesNotContain("123456789012").doesNotContain("BedrockAccess").doesNotContain("ext-id");
    }

    @Test
    void maskedKeys_listTheKeysInCanonicalOrder() {
        assertThat(new AccessKeyCredentials("a", "b", "c").maskedKeys()).containsExactly("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");
        assertThat(AccessKeyCredentials.of("a", "b").maskedKeys()).containsExactly("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
        assertThat(new RoleCredentials("arn:aws:iam::123456789012:role/R", "x").maskedKeys()).containsExactly("AWS_ROLE_ARN", "AWS_ROLE_EXTERNAL_ID");
    }

    @Test
    void roleArn_mustBeAnIamRoleArn_andTheErrorShowsTheFormNotTheValue() {
        assertThat(RoleCredentials.isRoleArn("arn:aws:iam::123456789012:role/path/to/Role-1")).isTrue();
        assertThat(RoleCredentials.isRoleArn("arn:aws-cn:iam::123456789012:role/R")).isTrue();
        assertThat(RoleCredentials.isRoleArn("arn:aws:iam::12345678901:role/R")).isFalse();
        assertThat(RoleCredentials.isRoleArn("arn:aws:iam::123456789012:user/R")).isFalse();
        assertThatThrownBy(() -> RoleCredentials.of("secret-looking-value"))
                .hasMessageContaining(RoleCredentials.EXPECTED_FORM)
                .hasMessageNotContaining("secret-looking-value");
    }

    @Test
    void emptyValues_areRefusedNamingTheKey() {
        assertThatThrownBy(() -> AccessKeyCredentials.of("", "s")).hasMessageStartingWith("AWS_ACCESS_KEY_ID is empty");
        assertThatThrownBy(() -> AccessKeyCredentials.of("a", "")).hasMessageStartingWith("AWS_SECRET_ACCESS_KEY is empty");
        assertThatThrownBy(() -> new AccessKeyCredentials("a", "b", "")).hasMessageStartingWith("AWS_SESSION_TOKEN is empty");
        assertThatThrownBy(() -> new RoleCredentials("arn:aws:iam::123456789012:role/R", "")).hasMessageStartingWith("AWS_ROLE_EXTERNAL_ID is empty");
    }
}
