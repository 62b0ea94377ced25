package dev.outcrop.bedrock.emulator.internal.iam;

/**
 * Who a verified request comes from.
 *
 * @param arn     the caller ARN as STS GetCallerIdentity reports it
 * @param userId  the unique id GetCallerIdentity reports ({@code AIDA...} for users, {@code AROA...:session} for sessions)
 * @param account the 12-digit account id
 * @param access  which models the principal may invoke
 */
public record Principal(String arn, String userId, String account, ModelAccess access) {
}
