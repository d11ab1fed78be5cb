/**
 * The {@code rrdvideo} command-line tool (picocli): {@link dev.rrdvideo.cli.Main} and one command
 * class per subcommand ({@code convert}, {@code inspect}, {@code check}, {@code diff}, {@code
 * print}, {@code verify}, {@code rewrite}, {@code demo}), plus what commands share: input spooling
 * ({@code Inputs}, {@code Io}), atomic outputs, the damage policy ({@code ReadPolicy}), exit codes.
 *
 * <p>The only package that prints or exits. Every command is a library call plus rendering: it
 * holds no file-format, container or bitstream logic of its own (that lives in {@code format},
 * {@code media}, {@code convert} and {@code inspect}); the one exception is {@code convert
 * --transcode}, which runs an external ffmpeg ({@code FfmpegTranscoder}). Not an API: nothing here
 * is meant to be called from other code.
 */
package dev.rrdvideo.cli;
