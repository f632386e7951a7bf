package io.github.lancedb4j.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * A store's hold on one vector column of one table: the database (its own, or a shared one it must not close), the
 * table, the column with its dimension, and the column's index policy. Both framework adapters open one of these, so
 * connecting, validating and closing work the same way in each.
 */
public final class ColumnBinding implements AutoCloseable {

    /**
     * What to bind.
     *
     * @param database        a shared database, or null to open an own one at {@code uri}
     * @param dimension       the configured dimension, or null (the column's; when creating, {@code modelDimension})
     * @param modelDimension  asked only when the column must be created without a configured dimension
     * @param metadataColumns metadata keys to mirror into typed, indexed columns (added if missing and allowed)
     */
    public record Spec(LanceDatabase database, String uri, Map<String, String> storageOptions,
            Duration readConsistencyInterval, String table, String vectorColumn, Integer dimension,
            boolean createIfMissing, IntSupplier modelDimension, IndexPolicy indexPolicy, DistanceMetric distance,
            List<MetadataColumn> metadataColumns) {
    }

    private final LanceDatabase database;
    private final boolean ownsDatabase;
    private final LanceTable table;
    private final VectorColumn column;

    private ColumnBinding(LanceDatabase database, boolean ownsDatabase, LanceTable table, VectorColumn column) {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        this.table = table;
        this.column = column;
    }

    public static ColumnBinding open(Spec spec) {
        if (spec.database() == null && (spec.uri() == null || spec.uri().isBlank())) {
            throw new IllegalArgumentException("A LanceDB store needs a uri (a directory, file://, s3://, gs:// or az:// "
                    + "location) or a LanceDatabase");
        }
        boolean owns = spec.database() == null;
        LanceDatabase database = owns
                ? LanceDatabase.builder().uri(spec.uri()).storageOptions(spec.storageOptions())
                        .readConsistencyInterval(spec.readConsistencyInterval()).build()
                : spec.database();
        try {
            VectorColumn requested = database.columnToOpen(spec.table(), spec.vectorColumn(), spec.dimension(),
                    spec.createIfMissing(), spec.modelDimension());
            LanceTable table = database.openTable(spec.table(), List.of(requested), spec.createIfMissing());
            VectorColumn column = table.vectorColumn(spec.vectorColumn());
            for (MetadataColumn mc : spec.metadataColumns() == null ? List.<MetadataColumn>of() : spec.metadataColumns()) {
                MetadataColumn existing = table.metadataColumns().get(mc.key());
                if (existing == null && !spec.createIfMissing()) {
                    throw new IllegalArgumentException("Table '" + spec.table() + "' has no metadata column for key '"
                            + mc.key() + "' and schema changes are disabled");
                }
                table.ensureMetadataColumn(mc);
            }
            table.indexPolicy(column.name(), spec.indexPolicy(), spec.distance());
            return new ColumnBinding(database, owns, table, column);
        } catch (RuntimeException e) {
            if (owns) {
                database.close();
            }
            throw e;
        }
    }

    public LanceDatabase database() {
        return database;
    }

    public LanceTable table() {
        return table;
    }

    public VectorColumn column() {
        return column;
    }

    /** Closes the database if the binding opened it; a shared database stays open. */
    @Override
    public void close() {
        if (ownsDatabase) {
            database.close();
        }
    }
}
