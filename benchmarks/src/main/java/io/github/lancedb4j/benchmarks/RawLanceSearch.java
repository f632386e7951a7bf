package io.github.lancedb4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.lance.Dataset;
import org.lance.index.DistanceType;
import org.lance.ipc.LanceScanner;
import org.lance.ipc.Query;
import org.lance.ipc.ScanOptions;

/**
 * lance-java directly on the store's table: its own {@link Dataset} handle and allocator, a flat {@code nearest}
 * query with cosine distance ({@code useIndex=false}, so it stays exact if the store has indexed the column). The default shape projects {@code id} and {@code _distance} only, with no filter;
 * other shapes reproduce what the store asks Lance for, to split the store's cost between Lance and the adapter.
 */
public final class RawLanceSearch implements AutoCloseable {

    /** What one scan asks for: the projected columns, and an optional filter (applied as a prefilter). */
    public record Shape(String label, List<String> columns, String filter) {
    }

    private final BufferAllocator allocator = new RootAllocator();
    private final Dataset dataset;
    private final String vectorColumn;
    private final int k;

    public RawLanceSearch(String uri, String vectorColumn, int k) {
        this.dataset = Dataset.open().allocator(allocator).uri(uri).build();
        this.vectorColumn = vectorColumn;
        this.k = k;
    }

    public long countRows() {
        return dataset.countRows();
    }

    public int fragments() {
        return dataset.getFragments().size();
    }

    public SearchBench.Searcher searcher(Shape shape) {
        return query -> {
            Query nearest = new Query.Builder()
                    .setColumn(vectorColumn)
                    .setKey(query)
                    .setK(k)
                    .setDistanceType(DistanceType.Cosine)
                    // Always the flat scan, even when the store has built an index on the column.
                    .setUseIndex(false)
                    .build();
            ScanOptions.Builder options = new ScanOptions.Builder().nearest(nearest).columns(shape.columns());
            if (shape.filter() != null) {
                options.filter(shape.filter()).prefilter(true);
            }
            List<String> ids = new ArrayList<>(k);
            try (LanceScanner scanner = dataset.newScan(options.build()); ArrowReader reader = scanner.scanBatches()) {
                while (reader.loadNextBatch()) {
                    VectorSchemaRoot root = reader.getVectorSchemaRoot();
                    FieldVector idVector = root.getVector("id");
                    for (int i = 0; i < root.getRowCount(); i++) {
                        ids.add(new String(((VarCharVector) idVector).get(i), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
            return ids;
        };
    }

    @Override
    public void close() {
        dataset.close();
        allocator.close();
    }
}
