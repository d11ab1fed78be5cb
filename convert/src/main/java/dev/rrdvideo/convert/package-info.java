/** convert. */
package dev.rrdvideo.convert;
