/** Implementation of the Spark data source; not an API. */
package dev.rrdvideo.spark.internal;
