package io.github.lancedb4j.store;

import java.nio.file.Path;
import java.util.*;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lance.ipc.*;

class ProbeTest {
    @TempDir Path dir;
    @Test void probe() throws Exception {
        try (RootAllocator a = new RootAllocator(); LanceDatabase db = LanceDatabase.builder().uri(dir.toString()).allocator(a).build()) {
            LanceTable t = db.openTable("t", List.of(VectorColumn.of("vector", 4)), true);
            Map<String,Object> m1 = new LinkedHashMap<>();
            m1.put("l", 1746714878034235396L); m1.put("min", Long.MIN_VALUE); m1.put("s", "abc"); m1.put("f", 1.1f); m1.put("d", 2.5d);
            m1.put("fmin", Float.MIN_VALUE); m1.put("dmin", Double.MIN_VALUE); m1.put("b", true); m1.put("list", List.of("x"));
            t.upsert(List.of(Row.of("a", "t", m1, "vector", new float[]{1,0,0,0})), List.of("vector"));
            Map<String,Object> m2 = new LinkedHashMap<>(); m2.put("s", 1); m2.put("l", 5); m2.put("b", "yes");
            t.upsert(List.of(Row.of("b", "t", m2, "vector", new float[]{0,1,0,0})), List.of("vector"));
            String[] preds = {
              io.github.lancedb4j.store.filter.FilterSql.where(io.github.lancedb4j.store.filter.MetadataFilter.eq("s", 1)),
              io.github.lancedb4j.store.filter.FilterSql.where(io.github.lancedb4j.store.filter.MetadataFilter.eq("s", "abc")),
              io.github.lancedb4j.store.filter.FilterSql.where(io.github.lancedb4j.store.filter.MetadataFilter.eq("b", true)),
              io.github.lancedb4j.store.filter.FilterSql.where(io.github.lancedb4j.store.filter.MetadataFilter.eq("l", 5)),
              "coalesce(CASE WHEN json_get_string(metadata_types,'s') IN ('int','long') THEN json_get_int(metadata,'s') = 1 END, false)",
              "coalesce(CASE WHEN json_get_string(metadata_types,'s') IN ('int','long') THEN json_get_int(metadata,'s') END = 1, false)",
              "coalesce(CASE WHEN json_get_string(metadata_types,'b') = 'boolean' THEN json_get_bool(metadata,'b') END = true, false)",
              "coalesce(CASE WHEN json_get_string(metadata_types,'l') IN ('int','long') THEN json_get_int(metadata,'l') END IN (1746714878034235397, 0.5), false)",
              "coalesce(CASE WHEN json_get_string(metadata_types,'l') IN ('int','long') THEN json_get_int(metadata,'l') END IN (1746714878034235397, CAST(0.5 AS bigint)), false)",
              "json_get_int(metadata,'l') IN (1746714878034235397) OR json_get_float(metadata,'l') IN (0.5)",
              "strpos('abc', '') > 0",

              "json_get_int(metadata,'l') = 1746714878034235397",
              "json_get_int(metadata,'l') = 1746714878034235396",
              "json_get_int(metadata,'min') = -9223372036854775808",
              "json_get_int(metadata,'l') IN (1746714878034235397, 0.5)",
              "json_get_int(metadata,'s') = 1",
              "json_get_float(metadata,'s') = 1.0",
              "json_get_bool(metadata,'l') = true",
              "json_get_float(metadata,'f') = 1.1",
              "strpos(json_get_string(metadata,'s'), '') > 0",
              "json_get_int(metadata,'d') = 3",
              "json_get_string(metadata,'l') = '1746714878034235396'",
            };
            for (String p : preds) {
                try { System.out.println("PROBE " + p + " -> " + t.withDataset(ds -> ds.countRows(p))); }
                catch (Exception e) { System.out.println("PROBE " + p + " -> ERR " + e.getMessage()); }
            }
            t.withDataset(ds -> {
                try (LanceScanner s = ds.newScan(new ScanOptions.Builder().columns(List.of("metadata","metadata_types")).build()); ArrowReader r = s.scanBatches()) {
                    while (r.loadNextBatch()) {
                        var v = r.getVectorSchemaRoot().getVector("metadata");
                        System.out.println("PROBE type " + v.getField() + " " + v.getClass() + " obj " + v.getObject(0).getClass());
                        Object o = v.getObject(0);
                        System.out.println("PROBE value " + (o instanceof byte[] b ? new String(b) : o));
                    }
                } catch (Exception e) { throw new RuntimeException(e); }
                return null;
            });
            System.out.println("PROBE hit " + t.search(new VectorQuery("vector", new float[]{1,0,0,0}, 10, null, false), DistanceMetric.COSINE));
            System.out.println("PROBE meta " + t.search(new VectorQuery("vector", new float[]{1,0,0,0}, 10, null, false), DistanceMetric.COSINE).get(0).metadata());
        }
    }
}
