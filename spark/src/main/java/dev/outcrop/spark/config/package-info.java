/** The {@code spark.outcrop.*} settings, as every JVM of a Spark application reads them from its Spark conf. */
package dev.outcrop.spark.config;
