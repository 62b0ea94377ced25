package dev.outcrop.core;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.location.RoleCredentials;

/**
 * An account to create.
 *
 * @param name the account's name (lower case, as an unquoted SQL identifier would be)
 * @param region the AWS region of locations that name none
 * @param trustPolicyRole the role this deployment assumes, for this account alone, before assuming a
 *                        customer's role; customers name it in their roles' trust policies
 * @param llmTokenBudget the daily token budget, or null for the deployment's default
 */
public record AccountSpec(String name, String region, String trustPolicyRole, Long llmTokenBudget) {

    public AccountSpec {
        requireNonNull(name, "name is null");
        requireNonNull(region, "region is null");
        requireNonNull(trustPolicyRole, "trustPolicyRole is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("account name is blank");
        }
        if (!RoleCredentials.isRoleArn(trustPolicyRole)) {
            throw new IllegalArgumentException("trustPolicyRole '" + trustPolicyRole + "' is not an IAM role ARN: expected the form " + RoleCredentials.EXPECTED_FORM);
        }
        if (llmTokenBudget != null && llmTokenBudget < 0) {
            throw new IllegalArgumentException("llmTokenBudget must not be negative, but was " + llmTokenBudget);
        }
    }

    public static AccountSpec of(String name, String region, String trustPolicyRole) {
        return new AccountSpec(name, region, trustPolicyRole, null);
    }

    /** The placeholder a trust principal template holds for the account's name. */
    public static final String ACCOUNT_PLACEHOLDER = "{account}";

    /**
     * An account whose trust principal is derived from the deployment's template, such as
     * {@code arn:aws:iam::111122223333:role/outcrop-{account}}, so that each account gets its own. A template
     * without the placeholder is taken as it is (one account's own trust principal).
     */
    public static AccountSpec fromTemplate(String name, String region, String trustPolicyRoleTemplate, Long llmTokenBudget) {
        requireNonNull(name, "name is null");
        requireNonNull(trustPolicyRoleTemplate, "trustPolicyRoleTemplate is null");
        return new AccountSpec(name, region, trustPolicyRoleTemplate.replace(ACCOUNT_PLACEHOLDER, name), llmTokenBudget);
    }
}
