/** cli. */
package dev.rrdvideo.cli;
