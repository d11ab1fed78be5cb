package dev.rrdvideo.spark;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under the scheme {@code testfs:}, so that the data source treats it as a remote
 * file system (it copies such files to local temporary files).
 */
public final class TestFileSystem extends RawLocalFileSystem {
  /** Created by Hadoop by reflection. */
  public TestFileSystem() {}

  @Override
  public String getScheme() {
    return "testfs";
  }

  @Override
  public URI getUri() {
    return URI.create("testfs:///");
  }
}
