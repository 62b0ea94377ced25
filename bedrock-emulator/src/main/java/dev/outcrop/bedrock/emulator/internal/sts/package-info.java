/** STS over awsQuery: AssumeRole with trust policies, GetCallerIdentity. Not API. */
package dev.outcrop.bedrock.emulator.internal.sts;
