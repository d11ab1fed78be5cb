/** testdata. */
package dev.rrdvideo.testdata;
