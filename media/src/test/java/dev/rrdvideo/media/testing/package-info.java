/**
 * Test support shared by the tests of the modules that build on media (convert, inspect, cli),
 * published as the test jar of {@code rrdvideo-media} (only this package goes into it).
 */
package dev.rrdvideo.media.testing;
