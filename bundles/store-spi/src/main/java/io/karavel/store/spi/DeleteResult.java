package io.karavel.store.spi;

/**
 * The result of a delete.
 *
 * @param previous the version that was deleted
 * @param revision the revision of the delete itself
 */
public record DeleteResult(KeyValue previous, long revision) {}
