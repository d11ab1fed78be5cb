package dev.rrdvideo.format.chunk;

import java.util.Comparator;
import java.util.Objects;

/**
 * Names a component column the way Rerun's chunk schema does.
 *
 * @param archetype full archetype name, e.g. {@code rerun.archetypes.VideoStream}, or {@code null}
 * @param component component identifier, e.g. {@code VideoStream:sample}; also the column name
 * @param componentType full component type, e.g. {@code rerun.components.VideoSample}, or {@code
 *     null}
 */
public record ComponentDescriptor(String archetype, String component, String componentType)
    implements Comparable<ComponentDescriptor> {
  private static final Comparator<String> NULLS_FIRST =
      Comparator.nullsFirst(Comparator.naturalOrder());
  private static final Comparator<ComponentDescriptor> ORDER =
      Comparator.comparing(ComponentDescriptor::archetype, NULLS_FIRST)
          .thenComparing(ComponentDescriptor::component)
          .thenComparing(ComponentDescriptor::componentType, NULLS_FIRST);

  /** Validates that the component identifier is present. */
  public ComponentDescriptor {
    Objects.requireNonNull(component, "component is null");
    if (component.isEmpty()) {
      throw new IllegalArgumentException("component must not be empty");
    }
  }

  /**
   * Returns a descriptor for field {@code field} of archetype {@code rerun.archetypes.<arch>} with
   * component type {@code rerun.components.<type>}.
   */
  public static ComponentDescriptor rerun(String arch, String field, String type) {
    return new ComponentDescriptor(
        "rerun.archetypes." + arch, arch + ":" + field, "rerun.components." + type);
  }

  /**
   * Returns the archetype short name: the full name minus a {@code rerun.archetypes.}, {@code
   * rerun.blueprint.archetypes.} or {@code rerun.} prefix, or {@code null}.
   */
  public String archetypeShortName() {
    if (archetype == null) {
      return null;
    }
    for (String prefix :
        new String[] {"rerun.blueprint.archetypes.", "rerun.archetypes.", "rerun."}) {
      if (archetype.startsWith(prefix)) {
        return archetype.substring(prefix.length());
      }
    }
    return archetype;
  }

  /** Returns the component identifier without its {@code Arch:} prefix ({@code sample}). */
  public String fieldName() {
    int colon = component.lastIndexOf(':');
    return colon < 0 ? component : component.substring(colon + 1);
  }

  @Override
  public int compareTo(ComponentDescriptor o) {
    return ORDER.compare(this, o);
  }
}
