package io.makerates.sources;

/**
 * How a source type's package registers it: one class per package implements this and carries
 * {@code @AutoService(SourceTypeProvider.class)}, and {@link SourceTypes} finds it.
 */
public interface SourceTypeProvider {

  SourceType sourceType();
}
