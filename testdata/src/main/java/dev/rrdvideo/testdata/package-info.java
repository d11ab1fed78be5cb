/**
 * Test fixtures and test helpers shared by every module (test scope only).
 *
 * <p>Fixtures live under {@code src/main/resources/dev/rrdvideo/testdata/}: {@code rerun/} holds
 * recordings written by the real Rerun 0.33 viewer with the facts an independent decoder read from
 * them; {@code realworld/} holds third-party media files with their licences ({@code SOURCES.md}).
 */
package dev.rrdvideo.testdata;
