/** inspect. */
package dev.rrdvideo.inspect;
