package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.LanceStoreException;
import io.github.lancedb4j.store.MetadataColumn;
import io.github.lancedb4j.store.VectorColumn;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Adds vector columns and declared typed metadata columns to a table, checking what exists first. */
public final class SchemaChanges {

    private static final Logger log = LoggerFactory.getLogger(SchemaChanges.class);

    private final TableContext context;
    private final SnapshotManager snapshots;
    private final TableWriter writer;
    private final WritePlans writes;
    private final VectorSearch reads;

    public SchemaChanges(TableContext context, SnapshotManager snapshots, TableWriter writer, WritePlans writes,
            VectorSearch reads) {
        this.context = context;
        this.snapshots = snapshots;
        this.writer = writer;
        this.writes = writes;
        this.reads = reads;
    }

    /** See {@code LanceTable.ensureVectorColumn}. */
    public VectorColumn ensureVectorColumn(VectorColumn column, boolean addIfMissing) {
        String name = context.name();
        Integer existing = vectorColumns().get(column.name());
        if (existing == null) {
            if (!addIfMissing) {
                throw new IllegalArgumentException("Table '" + name + "' has no vector column '" + column.name()
                        + "' and schema changes are disabled; its vector columns are " + vectorColumns());
            }
            if (!column.hasDimension()) {
                throw new IllegalArgumentException("Table '" + name + "' has no vector column '" + column.name()
                        + "' and no dimension was given to add it; its vector columns are " + vectorColumns());
            }
            writer.write("add vector column '" + column.name() + "'", writes.addVectorColumn(column));
            existing = vectorColumns().get(column.name());
            if (existing == null) {
                throw new LanceStoreException(name, "add vector column", "Vector column '" + column.name()
                        + "' was added to table '" + name + "' but is not visible", null);
            }
            log.info("Vector column '{}' ({} dimensions) of table '{}' is ready", column.name(), existing, name);
        }
        if (column.hasDimension() && column.dimension() != existing.intValue()) {
            throw new IllegalArgumentException("Vector column '" + column.name() + "' of table '" + name
                    + "' has dimension " + existing + " but the store is configured with dimension "
                    + column.dimension());
        }
        return VectorColumn.of(column.name(), existing);
    }

    /** See {@code LanceTable.ensureMetadataColumn}. */
    public MetadataColumn ensureMetadataColumn(MetadataColumn column) {
        String name = context.name();
        MetadataColumn existing = snapshots.read(s -> s.layout().metadataColumns().get(column.key()));
        if (existing != null) {
            if (existing.kind() != column.kind()) {
                throw new IllegalArgumentException("Metadata key '" + column.key() + "' of table '" + name
                        + "' already has a " + existing.kind() + " column, not " + column.kind());
            }
            return existing;
        }
        long conflicting = snapshots.read(s -> reads.countWhere(s, MetadataColumnBackfill.conflictingRows(column),
                "check metadata types"));
        if (conflicting > 0) {
            throw new IllegalArgumentException("Metadata key '" + column.key() + "' of table '" + name
                    + "' holds values that are not " + column.kind() + " in " + conflicting + " rows");
        }
        writer.write("add metadata column '" + column.columnName() + "'", new MetadataColumnBackfill(context).plan(column));
        log.info("Mirrored metadata key '{}' of table '{}' into {} ({}, {} index)", column.key(), name,
                column.columnName(), column.kind(), column.kind() == MetadataColumn.Kind.BOOLEAN ? "BITMAP" : "BTREE");
        return column;
    }

    private Map<String, Integer> vectorColumns() {
        return snapshots.read(s -> s.layout().vectorColumns());
    }
}
