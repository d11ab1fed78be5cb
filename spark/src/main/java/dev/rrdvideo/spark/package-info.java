/**
 * Apache Spark data source for Rerun recordings and videos: {@code
 * spark.read.format("rrdvideo").load(path)} gives the sample table of {@code rrdvideo inspect}
 * (option {@code table}: {@code samples}, {@code gops}, {@code summary}) with a leading {@code
 * path} column. See {@link dev.rrdvideo.spark.RrdVideoDataSource} and {@code docs/spark.md}.
 */
package dev.rrdvideo.spark;
