/**
 * Test support shared by the tests of every module that builds on format, published as the test jar
 * of {@code rrdvideo-format} (only this package goes into it): the fuzz contract every fuzz target
 * checks, and recordings made in code that several modules' tests need. Fixtures and the readers of
 * their ffprobe and facts records live in {@code rrdvideo-testdata}, which cannot see format
 * (format's tests depend on it).
 */
package dev.rrdvideo.format.testing;
