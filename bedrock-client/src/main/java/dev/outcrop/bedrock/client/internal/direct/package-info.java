/**
 * The {@code DIRECT} transport: InvokeModel and Converse as one signed HTTP exchange each on the CRT HTTP client,
 * without the AWS SDK's request pipeline. What it keeps from the SDK: the SigV4 signer, the retry strategy (with its
 * token bucket), the HTTP client and its pool, and the service exceptions, built from the answer so that error mapping
 * and retry conditions read them as they read the SDK's. Streams and STS stay on the SDK's clients.
 */
package dev.outcrop.bedrock.client.internal.direct;
