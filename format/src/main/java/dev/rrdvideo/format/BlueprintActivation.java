package dev.rrdvideo.format;

/**
 * A {@code BlueprintActivationCommand}: tells a viewer to activate a blueprint store.
 *
 * @param offset absolute offset of the message header, or {@code -1}
 * @param blueprintId the blueprint store
 * @param makeActive whether to make it the active blueprint
 * @param makeDefault whether to make it the default blueprint
 */
public record BlueprintActivation(
    long offset, StoreId blueprintId, boolean makeActive, boolean makeDefault)
    implements RrdMessage {}
