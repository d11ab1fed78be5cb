/**
 * {@link dev.rrdvideo.format.verify.RrdVerifier}: reads a whole recording and reports every
 * structural finding (framing, messages, chunk schemas, video components, footer) instead of
 * stopping at the first, for {@code rrdvideo verify}.
 *
 * <p>It stands on the format's readers and typed video views and is used by nothing else in the
 * format module (its own package since issue 9, so that the format's root package no longer depends
 * on the video views through it). It does not repair or rewrite anything.
 */
package dev.rrdvideo.format.verify;
