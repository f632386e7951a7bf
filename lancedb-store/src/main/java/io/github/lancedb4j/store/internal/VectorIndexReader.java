package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.VectorIndexInfo;
import io.github.lancedb4j.store.VectorIndexSpec;
import io.github.lancedb4j.store.VectorIndexType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lance.Dataset;
import org.lance.index.IndexDescription;
import org.lance.schema.LanceField;

/**
 * Reads a version's vector indexes by column: type, metric, partitions, indexed and unindexed rows, and the spec
 * recorded in the table's config when the index was built.
 */
public final class VectorIndexReader {

    private VectorIndexReader() {
    }

    public static Map<String, VectorIndexInfo> read(Dataset dataset) {
        Map<Integer, String> columnsById = new LinkedHashMap<>();
        for (LanceField f : dataset.getLanceSchema().fields()) {
            columnsById.put(f.getId(), f.getName());
        }
        Map<String, String> config = dataset.getConfig();
        Map<String, VectorIndexInfo> byColumn = new LinkedHashMap<>();
        for (IndexDescription d : dataset.describeIndices()) {
            VectorIndexType type = VectorIndexType.fromLance(d.getIndexType());
            List<Integer> fields = d.getFieldIds();
            if (type == null || fields.size() != 1 || !columnsById.containsKey(fields.get(0))) {
                continue;
            }
            Map<String, Object> stats = dataset.getIndexStatistics(d.getName());
            String column = columnsById.get(fields.get(0));
            boolean exact = type == VectorIndexType.IVF_FLAT && d.getName().endsWith(VectorIndexInfo.EXACT_SUFFIX);
            byColumn.put(column, new VectorIndexInfo(d.getName(), column, type, metric(stats.get("metric_type"), d),
                    partitions(stats), number(stats.get("num_indexed_rows"), d.getRowsIndexed()),
                    number(stats.get("num_unindexed_rows"), 0),
                    recordedSpec(config.get(IndexSpecCodec.configKey(column)), type, exact)));
        }
        return byColumn;
    }

    /** The recorded spec when it describes this index; else the defaults of its kind (e.g. built by another tool). */
    private static VectorIndexSpec recordedSpec(String recorded, VectorIndexType type, boolean exact) {
        VectorIndexSpec spec = IndexSpecCodec.decode(recorded);
        if (spec != null && spec.type() == type && spec.isExact() == exact) {
            return spec;
        }
        return exact ? VectorIndexSpec.exact() : VectorIndexSpec.of(type);
    }

    /** The names of every vector index on a column (Lance allows several). */
    /**
     * The vector indexes of a column, by name, with the newest table version any of their segments was built on:
     * the order in which concurrent builds (in any process) replace each other.
     */
    public static java.util.Map<String, Long> vectorIndexBuildVersions(Dataset dataset, String column) {
        Integer fieldId = null;
        for (LanceField f : dataset.getLanceSchema().fields()) {
            if (f.getName().equals(column)) {
                fieldId = f.getId();
            }
        }
        java.util.Map<String, Long> versions = new java.util.HashMap<>();
        for (IndexDescription d : dataset.describeIndices()) {
            if (VectorIndexType.fromLance(d.getIndexType()) != null && d.getFieldIds().equals(List.of(fieldId))) {
                long built = d.getMetadata().stream().mapToLong(org.lance.index.Index::datasetVersion).max()
                        .orElse(0);
                versions.merge(d.getName(), built, Math::max);
            }
        }
        return versions;
    }

    public static List<String> vectorIndexNames(Dataset dataset, String column) {
        Integer fieldId = null;
        for (LanceField f : dataset.getLanceSchema().fields()) {
            if (f.getName().equals(column)) {
                fieldId = f.getId();
            }
        }
        List<String> names = new ArrayList<>();
        for (IndexDescription d : dataset.describeIndices()) {
            if (VectorIndexType.fromLance(d.getIndexType()) != null && d.getFieldIds().equals(List.of(fieldId))) {
                names.add(d.getName());
            }
        }
        return names;
    }

    private static DistanceMetric metric(Object reported, IndexDescription d) {
        String m = reported != null ? reported.toString() : d.getDetailsJson();
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.contains("cosine")) {
            return DistanceMetric.COSINE;
        }
        if (lower.contains("dot")) {
            return DistanceMetric.DOT;
        }
        return DistanceMetric.L2;
    }

    @SuppressWarnings("unchecked")
    private static Integer partitions(Map<String, Object> stats) {
        Object indices = stats.get("indices");
        if (indices instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first) {
            Object n = ((Map<String, Object>) first).get("num_partitions");
            if (n instanceof Number number) {
                return number.intValue();
            }
        }
        return null;
    }

    private static long number(Object value, long fallback) {
        return value instanceof Number n ? n.longValue() : fallback;
    }
}
