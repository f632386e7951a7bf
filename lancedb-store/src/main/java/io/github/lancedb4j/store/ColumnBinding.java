package io.github.lancedb4j.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * A store's hold on one vector column of one table: the database (its own, or a shared one it must not close), the
 * table, the column with its dimension, and the column's index policy. Both framework adapters open one of these, so
 * connecting, validating and closing work the same way in each.
 *
 * <pre>{@code
 * ColumnBinding binding = ColumnBinding.builder().uri("./data").table("documents").vectorColumn("vector")
 *         .dimension(384).open();
 * }</pre>
 */
public final class ColumnBinding implements AutoCloseable {

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

    public static Builder builder() {
        return new Builder();
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

    /** What to bind; {@link #uri} or {@link #database} is required. */
    public static final class Builder {
        private LanceDatabase database;
        private String uri;
        private Map<String, String> storageOptions = Map.of();
        private ReadConsistency readConsistency;
        private String table;
        private String vectorColumn = VectorColumn.DEFAULT_NAME;
        private Integer dimension;
        private boolean createIfMissing = true;
        private IntSupplier modelDimension;
        private IndexPolicy indexPolicy = IndexPolicy.auto();
        private DistanceMetric distance = DistanceMetric.COSINE;
        private FullTextIndexSpec fullTextIndex;
        private final List<MetadataColumn> metadataColumns = new ArrayList<>();

        private Builder() {
        }

        /** A shared database (not closed with the binding); without it one is opened at {@link #uri}. */
        public Builder database(LanceDatabase database) {
            this.database = database;
            return this;
        }

        public Builder uri(String uri) {
            this.uri = uri;
            return this;
        }

        public Builder storageOptions(Map<String, String> storageOptions) {
            this.storageOptions = storageOptions == null ? Map.of() : storageOptions;
            return this;
        }

        /** For a database the binding opens itself (null: the default). */
        public Builder readConsistency(ReadConsistency readConsistency) {
            this.readConsistency = readConsistency;
            return this;
        }

        public Builder table(String table) {
            this.table = table;
            return this;
        }

        public Builder vectorColumn(String vectorColumn) {
            this.vectorColumn = vectorColumn;
            return this;
        }

        /** The configured dimension, or null: the column's, or when creating it, {@link #modelDimension}'s. */
        public Builder dimension(Integer dimension) {
            this.dimension = dimension;
            return this;
        }

        /** Create the table and add the column (and metadata columns) when absent (default true). */
        public Builder createIfMissing(boolean createIfMissing) {
            this.createIfMissing = createIfMissing;
            return this;
        }

        /** Asked only when the column must be created without a configured dimension (may cost a model call). */
        public Builder modelDimension(IntSupplier modelDimension) {
            this.modelDimension = modelDimension;
            return this;
        }

        public Builder indexPolicy(IndexPolicy indexPolicy) {
            this.indexPolicy = Objects.requireNonNull(indexPolicy, "indexPolicy");
            return this;
        }

        public Builder distance(DistanceMetric distance) {
            this.distance = Objects.requireNonNull(distance, "distance");
            return this;
        }

        /**
         * Manage a full-text index on the table's text with these settings, under the same index policy mode as the
         * vector column (null, the default: leave the full-text index alone).
         */
        public Builder fullTextIndex(FullTextIndexSpec spec) {
            this.fullTextIndex = spec;
            return this;
        }

        /** Metadata keys to mirror into typed, indexed columns (added if missing and allowed). */
        public Builder metadataColumns(List<MetadataColumn> columns) {
            if (columns != null) {
                this.metadataColumns.addAll(columns);
            }
            return this;
        }

        public ColumnBinding open() {
            if (database == null && (uri == null || uri.isBlank())) {
                throw new IllegalArgumentException("A LanceDB store needs a uri (a directory, file://, s3://, gs:// or "
                        + "az:// location) or a LanceDatabase");
            }
            boolean owns = database == null;
            LanceDatabase db = owns ? LanceDatabase.builder().uri(uri).storageOptions(storageOptions)
                    .readConsistency(readConsistency).build() : database;
            try {
                IntSupplier model = modelDimension != null ? modelDimension : () -> {
                    throw new IllegalArgumentException("Vector column '" + vectorColumn + "' of table '" + table
                            + "' does not exist yet: give the store a dimension to create it");
                };
                VectorColumn requested = db.columnToOpen(table, vectorColumn, dimension, createIfMissing, model);
                LanceTable opened = db.openTable(table, List.of(requested), createIfMissing);
                VectorColumn column = opened.vectorColumn(vectorColumn);
                for (MetadataColumn mc : metadataColumns) {
                    if (!opened.metadataColumns().containsKey(mc.key()) && !createIfMissing) {
                        throw new IllegalArgumentException("Table '" + table + "' has no metadata column for key '"
                                + mc.key() + "' and schema changes are disabled");
                    }
                    opened.ensureMetadataColumn(mc);
                }
                opened.indexes().indexPolicy(column.name(), indexPolicy, distance);
                if (fullTextIndex != null) {
                    opened.indexes().fullTextIndexPolicy(indexPolicy.mode(), fullTextIndex);
                }
                return new ColumnBinding(db, owns, opened, column);
            } catch (RuntimeException e) {
                if (owns) {
                    db.close();
                }
                throw e;
            }
        }
    }
}
