package dev.outcrop.spark.internal.plan;

import dev.outcrop.spark.config.SparkOutcropSettings;
import org.apache.spark.SparkEnv;

/** This JVM's {@code spark.outcrop.*} settings: its SparkEnv's conf, which the driver and every executor have. */
final class SparkConfSettings {

    private SparkConfSettings() {
    }

    static SparkOutcropSettings current() {
        SparkEnv env = SparkEnv.get();
        if (env == null) {
            throw new IllegalStateException("no Spark environment in this JVM: Outcrop's functions run inside a Spark application");
        }
        return SparkOutcropSettings.of(env.conf().getAllAsJavaMap());
    }
}
