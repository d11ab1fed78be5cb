/** Reading and writing Rerun {@code .rrd} streams. */
package dev.rrdvideo.format;
