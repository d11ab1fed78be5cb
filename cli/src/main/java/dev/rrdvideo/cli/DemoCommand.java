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
import dev.rrdvideo.inspect.Reports;
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
    header = "Write a synthetic H.264 demo recording (4 s, 480x320, 30 fps).",
    description = {
      "Write a demo recording: 4 s of 480x320 video at 30 fps (a gold ball bouncing over a"
          + " blue-to-purple gradient) encoded to H.264 in pure Java and stored as a Rerun"
          + " VideoStream: the codec logged statically, one sample per frame on a 'time'"
          + " duration timeline, one chunk per second (GOP), keyframe markers (Rerun 0.32+) and a"
          + " footer index (0.28+).",
      "Open the result with 'rerun demo.rrd' or the web viewer. With --serve the same video is"
          + " streamed live to Rerun viewers while it is encoded (--connect: pushed to a running"
          + " proxy)."
    },
    footer = {
      "",
      "Examples: rrdvideo demo -o demo.rrd && rrdvideo print demo.rrd",
      "          rrdvideo demo --serve --loop     (then: rerun --connect"
          + " rerun+http://127.0.0.1:9876/proxy)"
    })
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

  @Option(
      names = "--serve",
      description =
          "Stream live instead of writing a file: serve a gRPC message proxy that Rerun viewers"
              + " connect to (rerun --connect rerun+http://127.0.0.1:9876/proxy), encode the ball"
              + " at wall-clock pace and send every frame as it is encoded; then keep serving until"
              + " Ctrl-C.")
  boolean serve;

  @Option(
      names = "--save",
      paramLabel = "FILE",
      description = "With --serve or --connect: also write the recording to FILE.")
  String save;

  @Option(
      names = "--loop",
      description = "With --serve or --connect: keep producing frames until Ctrl-C.")
  boolean loop;

  @Mixin LiveOptions live;

  @Mixin RerunVersionOption rerunVersion;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (seconds < 1 || seconds > 3600 || fps < 1 || fps > 240) {
      throw new CliException(ExitCode.USAGE, "--seconds must be 1..3600 and --fps 1..240");
    }
    // checked before anything is opened, written, served or connected
    EntityPath entityPath = OptionValues.entityPath("--entity", entity);
    RrdWriteOptions options = RrdWriteOptions.builder().target(rerunVersion.target()).build();
    PrintWriter err = spec.commandLine().getErr();
    if (serve || live.connect != null) {
      if (serve && live.connect != null) {
        throw new CliException(ExitCode.USAGE, "give either --serve or --connect, not both");
      }
      return DemoLive.run(this, entityPath, options, err);
    }
    if (save != null || loop) {
      throw new CliException(ExitCode.USAGE, "--save and --loop need --serve or --connect");
    }
    int frames = seconds * fps;
    DemoFrames scene = new DemoFrames(fps);
    DemoEncoder encoder = new DemoEncoder(fps);
    long bytes = 0;
    Progress progress =
        Progress.start(err, "encoding the demo", frames, Progress.Unit.FRAMES, false);
    try (AtomicOutput out = AtomicOutput.open(output)) {
      RrdWriter writer = RrdWriter.open(out.stream(), options);
      StoreId store = writer.beginRecording("rrdvideo_demo", null);
      VideoStreamWriter video =
          VideoStreamWriter.builder(writer, store, entityPath)
              .codec(VideoCodec.H264)
              .timeline(timeline, TimeType.DURATION)
              .build();
      for (int i = 0; i < frames; i++) {
        DemoEncoder.Frame f = encoder.encode(scene.render(i));
        bytes += f.data().remaining();
        video.addSample(Math.round(i * 1e9 / fps), f.data(), f.keyframe());
        progress.add(1);
      }
      video.finish();
      writer.close();
      out.commit();
      progress.close();
      if (out.target() != null) {
        err.printf(
            "wrote %s: %s (%d x %d, %d fps, H.264, %s), %s of video%n",
            output,
            Reports.plural(frames, "frame"),
            DemoFrames.WIDTH,
            DemoFrames.HEIGHT,
            fps,
            Reports.plural(video.keyframeCount(), "keyframe"),
            Reports.plural(bytes, "byte"));
      }
    } finally {
      progress.close();
    }
    err.flush();
    return ExitCode.OK;
  }
}
