#!/usr/bin/env bash
# spark-submit of an application that uses only Spark's API against the shaded jar
# (../target/rrdvideo-spark.jar, from `mvn -pl spark -am package`), on the class path a Spark
# distribution has (Spark's own dependency versions, resolved from its pom).
# Usage: spark/submit-check/run.sh DIR   (a directory of recordings / videos)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/../target/rrdvideo-spark.jar"
dir="${1:?directory to read}"
# SPARK_VERSION=4.2.0 checks the same jar against another Spark 4 release (default 4.0.1)
version="${SPARK_VERSION:-4.0.1}"
work="$here/target/spark-$version"
mkdir -p "$work/classes"
if [ ! -d "$work/spark-jars" ]; then
  mvn -B -q -f "$here/pom.xml" -Dspark.version="$version" dependency:copy-dependencies \
    -DoutputDirectory="$work/spark-jars"
fi
javac -d "$work/classes" -cp "$work/spark-jars/*" "$here/SubmitCheck.java"
(cd "$work/classes" && jar cf "$work/app.jar" SubmitCheck.class)
# the module options Spark's own launcher (bin/spark-submit) adds on Java 17
opens="-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector"
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util \
  java.util.concurrent java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs \
  sun.security.action sun.util.calendar; do
  opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
done
exec java $opens -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true \
  -cp "$work/spark-jars/*" org.apache.spark.deploy.SparkSubmit \
  --master 'local[2]' --conf spark.ui.enabled=false --conf spark.log.level=WARN --conf spark.driver.host=127.0.0.1 \
  --jars "$jar" --class SubmitCheck "$work/app.jar" "$dir"
