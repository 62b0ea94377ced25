#!/bin/sh
# Runs SparkVersusNaiveUdfBenchmark: Outcrop's AWS_BEDROCK_AI_QUERY against a naive per-row SDK UDF, in one
# local[2] Spark application against the in-process emulator, with PostgreSQL at 127.0.0.1:5432 (database test).
# Usage: spark/benchmark.sh [rows, default 10000] [emulator latency in ms, default 100]
# Set M2 to a Maven repository (-Dmaven.repo.local) if you do not use ~/.m2.
set -e
cd "$(dirname "$0")/.."
REPO=${M2:+-Dmaven.repo.local=$M2}
mvn -q -B -ntp $REPO -DskipTests install -pl spark -am
mvn -q -B -ntp $REPO dependency:build-classpath -pl spark -Dmdep.outputFile=target/benchmark-classpath.txt -Dmdep.includeScope=test
# The JDK options Spark's own launcher passes (the same list as spark.jvm.options in spark/pom.xml).
exec java -XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector \
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED \
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
  --add-exports=java.base/sun.nio.ch=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true \
  -Daws.accessKeyId=AKIAIOSFODNN7EXAMPLE -Daws.secretAccessKey=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY \
  -cp "spark/target/test-classes:spark/target/classes:$(cat spark/target/benchmark-classpath.txt)" \
  dev.outcrop.spark.SparkVersusNaiveUdfBenchmark "$@"
