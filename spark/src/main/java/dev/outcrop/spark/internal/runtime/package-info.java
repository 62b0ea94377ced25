/**
 * One Outcrop runtime per JVM of a Spark application (core, the shared catalog, the AWS clients), built
 * from the {@code spark.outcrop.*} settings, and the per-partition evaluation that runs rows through it.
 */
package dev.outcrop.spark.internal.runtime;
