package dev.outcrop.core.location;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An IAM role that Outcrop assumes, through the account's trust principal, for each call.
 *
 * @param externalId the external ID the role's trust policy demands, or null
 */
public record RoleCredentials(String roleArn, String externalId) implements LocationCredentials {

    /** {@code arn:<partition>:iam::<12 digits>:role/<path and name>} */
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws(-[a-z]+)*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

    public static final String EXPECTED_FORM = "arn:<partition>:iam::<12-digit account id>:role/<role name>";

    public RoleCredentials {
        requireNonNull(roleArn, "roleArn is null");
        if (!ROLE_ARN.matcher(roleArn).matches()) {
            // The value is not echoed: a malformed ARN may be a secret pasted into the wrong key.
            throw new IllegalArgumentException("AWS_ROLE_ARN is not an IAM role ARN: expected the form " + EXPECTED_FORM);
        }
        if (externalId != null && externalId.isEmpty()) {
            throw new IllegalArgumentException("AWS_ROLE_EXTERNAL_ID is empty: leave it out when the role's trust policy demands none");
        }
    }

    public static RoleCredentials of(String roleArn) {
        return new RoleCredentials(roleArn, null);
    }

    public static boolean isRoleArn(String value) {
        return value != null && ROLE_ARN.matcher(value).matches();
    }

    @Override
    public List<String> maskedKeys() {
        return externalId == null ? List.of("AWS_ROLE_ARN") : List.of("AWS_ROLE_ARN", "AWS_ROLE_EXTERNAL_ID");
    }

    @Override
    public String toString() {
        return "RoleCredentials[roleArn=****" + (externalId == null ? "" : ", externalId=****") + "]";
    }
}
