package dev.rrdvideo.format.chunk.internal.arrow;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The library's process-wide Arrow root allocator, used when a caller does not pass one.
 *
 * <p>Every decoded chunk gets its own child allocator, which the chunk closes; leaks therefore show
 * up as an exception when the child is closed, not as silent growth.
 */
public final class Allocators {
  private static final BufferAllocator ROOT = new RootAllocator(Long.MAX_VALUE);

  private Allocators() {}

  /** Returns the shared root allocator. */
  public static BufferAllocator root() {
    return ROOT;
  }
}
