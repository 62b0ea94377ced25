/** Core's {@code ObjectStorage} port on the AWS SDK for Java v2's S3 async client: what READ_CSV and READ_JSON read through S3 locations. */
package dev.outcrop.bedrock.s3;
