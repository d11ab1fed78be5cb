package dev.rrdvideo.cli;

import dev.rrdvideo.cli.demo.DemoEncoder;
import dev.rrdvideo.cli.demo.DemoFrames;
import dev.rrdvideo.format.RrdWriteOptions;
import dev.rrdvideo.format.RrdWriter;
import dev.rrdvideo.format.StoreId;
import dev.rrdvideo.format.chunk.EntityPath;
import dev.rrdvideo.format.chunk.TimeType;
import dev.rrdvideo.format.video.VideoCodec;
import dev.rrdvideo.format.video.io.VideoStreamWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rrdvideo demo}: the Java counterpart of Rerun's "live streaming of on-the-fly encoded
 * video" example. Renders a bouncing ball, encodes it to H.264 in pure Java and writes a {@code
 * VideoStream} recording.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Write a demo recording: 4 s of 480x320 video at 30 fps (a gold ball bouncing over a"
          + " blue-to-purple gradient) encoded to H.264 in pure Java and stored as a Rerun"
          + " VideoStream: the codec logged statically, one sample per frame on a 'time'"
          + " duration timeline, one chunk per second (GOP), keyframe markers (Rerun 0.32+) and a"
          + " footer index (0.28+).",
      "Open the result with 'rerun demo.rrd' or the web viewer."
    },
    footer = {"", "Example: rrdvideo demo -o demo.rrd && rrdvideo print demo.rrd"})
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = {"-o", "--output"},
      defaultValue = "demo.rrd",
      paramLabel = "FILE",
      description = "Output file, or - for stdout (default: ${DEFAULT-VALUE}).")
  String output;

  @Option(
      names = "--seconds",
      defaultValue = "4",
      description = "Length in seconds (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(
      names = "--fps",
      defaultValue = "30",
      description = "Frame rate (default: ${DEFAULT-VALUE}).")
  int fps;

  @Option(
      names = "--entity",
      defaultValue = "/video_stream",
      description = "Entity path of the video (default: ${DEFAULT-VALUE}).")
  String entity;

  @Option(
      names = "--timeline",
      defaultValue = "time",
      description = "Timeline name (a duration timeline; default: ${DEFAULT-VALUE}).")
  String timeline;

  @Mixin RerunVersionOption rerunVersion;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (seconds < 1 || seconds > 3600 || fps < 1 || fps > 240) {
      throw new CliException(ExitCode.USAGE, "--seconds must be 1..3600 and --fps 1..240");
    }
    RrdWriteOptions options = RrdWriteOptions.builder().target(rerunVersion.target()).build();
    PrintWriter err = spec.commandLine().getErr();
    Progress progress = Progress.forTerminal(err, "encoding");
    int frames = seconds * fps;
    DemoFrames scene = new DemoFrames(fps);
    DemoEncoder encoder = new DemoEncoder(fps);
    long bytes = 0;
    try (AtomicOutput out = AtomicOutput.open(output)) {
      RrdWriter writer = RrdWriter.open(out.stream(), options);
      StoreId store = writer.beginRecording("rrdvideo_demo", null);
      VideoStreamWriter video =
          VideoStreamWriter.builder(writer, store, EntityPath.parse(entity))
              .codec(VideoCodec.H264)
              .timeline(timeline, TimeType.DURATION)
              .build();
      for (int i = 0; i < frames; i++) {
        DemoEncoder.Frame f = encoder.encode(scene.render(i));
        bytes += f.data().remaining();
        video.addSample(Math.round(i * 1e9 / fps), f.data(), f.keyframe());
        progress.update(i + 1, frames);
      }
      video.finish();
      writer.close();
      out.commit();
      progress.done();
      if (out.target() != null) {
        err.printf(
            "wrote %s: %d frames (%d x %d, %d fps, H.264, %d keyframes), %d bytes of video%n",
            output, frames, DemoFrames.WIDTH, DemoFrames.HEIGHT, fps, video.keyframeCount(), bytes);
      }
    }
    err.flush();
    return ExitCode.OK;
  }
}
