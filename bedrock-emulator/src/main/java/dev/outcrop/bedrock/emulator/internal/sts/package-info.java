/** STS over awsQuery: AssumeRole with trust policies, GetCallerIdentity. Uses {@code http}, {@code iam} and {@code sigv4}. Not API. */
package dev.outcrop.bedrock.emulator.internal.sts;
