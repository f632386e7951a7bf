/**
 * Internal: the parts of the core behind {@code LanceTable} — snapshots, the writer, the index manager, the reads,
 * Arrow batches and Lance calls. Not API: these classes are public only so that the core's packages can share them,
 * and they change without notice. Applications use {@code io.github.lancedb4j.store} (and
 * {@code LanceTable.withDataset} for native access).
 */
package io.github.lancedb4j.store.internal;
