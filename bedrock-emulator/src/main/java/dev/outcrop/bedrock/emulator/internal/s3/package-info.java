/**
 * A wire-faithful subset of Amazon S3: GetObject (with Range), HeadObject and ListObjectsV2, SigV4-signed for the
 * service {@code s3}, path-style and virtual-host addressing, and S3's XML errors. Objects live in memory.
 */
package dev.outcrop.bedrock.emulator.internal.s3;
