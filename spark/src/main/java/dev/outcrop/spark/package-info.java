/**
 * Outcrop's AI functions in Spark SQL: {@link dev.outcrop.spark.OutcropExtensions}, enabled with
 * {@code spark.sql.extensions=dev.outcrop.spark.OutcropExtensions}, and the {@code spark.outcrop.*}
 * settings it reads ({@link dev.outcrop.spark.config.SparkOutcropSettings}). See docs/spark.md.
 */
package dev.outcrop.spark;
