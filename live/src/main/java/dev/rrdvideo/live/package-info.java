/**
 * Live streaming to Rerun viewers over gRPC.
 *
 * <p>{@link dev.rrdvideo.live.LiveServer} is a Rerun message proxy (viewers connect to {@code
 * rerun+http://127.0.0.1:9876/proxy}); {@link dev.rrdvideo.live.LiveClient} pushes to a running
 * proxy. Both plug into {@link dev.rrdvideo.format.RrdWriter} as its {@link
 * dev.rrdvideo.format.RrdMessageSink}, so everything that writes recordings (the {@code
 * VideoStreamWriter} among them) can write to a file, a live server, a remote proxy, or several at
 * once ({@link dev.rrdvideo.format.RrdMessageSink#tee}). Protocol notes and the choice of Vert.x:
 * {@code docs/live.md}. Never prints; log lines go to {@link
 * dev.rrdvideo.live.LiveServerOptions#log()}.
 */
package dev.rrdvideo.live;
