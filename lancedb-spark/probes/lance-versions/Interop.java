import java.nio.charset.StandardCharsets;
import java.util.*;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.*;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.*;
import org.lance.*;
import org.lance.index.*;
import org.lance.index.scalar.*;
import org.lance.index.vector.*;
import org.lance.ipc.*;
import org.lance.merge.*;
import org.lance.operation.Append;
import org.lance.util.JsonFields;

/** Writes / appends to / checks a table in the store's schema; compiled and run against lance-core 4.0.0 and 7.0.0. */
public class Interop {
  static final int DIM = 32, SMALL = 16;

  static Schema schema() {
    List<Field> f = new ArrayList<>();
    f.add(Field.notNullable("id", ArrowType.Utf8.INSTANCE));
    f.add(Field.nullable("text", ArrowType.Utf8.INSTANCE));
    f.add(JsonFields.jsonUtf8("metadata", true));
    f.add(JsonFields.jsonUtf8("metadata_types", true));
    f.add(vec("vector", DIM));
    f.add(vec("small", SMALL));
    return new Schema(f);
  }
  static Field vec(String n, int d) {
    Field item = new Field("item", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)), null);
    return new Field(n, FieldType.nullable(new ArrowType.FixedSizeList(d)), List.of(item));
  }
  static float[] vector(int i, int d, int salt) {
    Random r = new Random(i * 31L + salt);
    Random c = new Random((i % 7) * 1000L + d + salt);
    float[] v = new float[d]; double n = 0;
    for (int k = 0; k < d; k++) { v[k] = (float) (c.nextGaussian() * 3 + r.nextGaussian()); n += v[k] * v[k]; }
    for (int k = 0; k < d; k++) v[k] /= (float) Math.sqrt(n);
    return v;
  }
  static String text(int i, String tag) { return "document " + i + " about topic t" + (i % 7) + " unique w" + i + " " + tag; }

  static VectorSchemaRoot batch(BufferAllocator a, int from, int to, String tag) {
    VectorSchemaRoot root = VectorSchemaRoot.create(schema(), a);
    root.allocateNew();
    int n = to - from;
    for (int j = 0; j < n; j++) {
      int i = from + j;
      ((VarCharVector) root.getVector("id")).setSafe(j, ("doc-" + i).getBytes(StandardCharsets.UTF_8));
      ((VarCharVector) root.getVector("text")).setSafe(j, text(i, tag).getBytes(StandardCharsets.UTF_8));
      ((VarCharVector) root.getVector("metadata")).setSafe(j, ("{\"group\":\"g" + (i % 5) + "\",\"n\":" + i + ",\"score\":" + (i / 2.0) + ",\"tags\":[\"a\",\"b\"]}").getBytes(StandardCharsets.UTF_8));
      ((VarCharVector) root.getVector("metadata_types")).setSafe(j, "{\"group\":\"string\",\"n\":\"int\",\"score\":\"double\",\"tags\":\"string_list\"}".getBytes(StandardCharsets.UTF_8));
    }
    fill((FixedSizeListVector) root.getVector("vector"), from, n, DIM, 0);
    fill((FixedSizeListVector) root.getVector("small"), from, n, SMALL, 1);
    for (FieldVector v : root.getFieldVectors()) v.setValueCount(n);
    root.setRowCount(n);
    return root;
  }
  static void fill(FixedSizeListVector l, int from, int n, int d, int salt) {
    l.setInitialCapacity(n); l.allocateNew();
    Float4Vector vals = (Float4Vector) l.getDataVector();
    for (int j = 0; j < n; j++) { l.setNotNull(j); float[] v = vector(from + j, d, salt); for (int k = 0; k < d; k++) vals.setSafe(j * d + k, v[k]); }
    vals.setValueCount(n * d); l.setValueCount(n);
  }

  /** Distributed-style append: fragments written like an executor would, then one Append commit. */
  static Dataset appendFragments(BufferAllocator a, String uri, Dataset ds, int from, int to, String tag) {
    List<FragmentMetadata> frags = new ArrayList<>();
    int step = (to - from + 1) / 2;
    for (int s = from; s < to; s += step) {
      try (VectorSchemaRoot root = batch(a, s, Math.min(to, s + step), tag)) {
        frags.addAll(Fragment.create(uri, a, root, new WriteParams.Builder().withDataStorageVersion("2.0").build()));
      }
    }
    Transaction t = new Transaction.Builder().readVersion(ds.version()).operation(Append.builder().fragments(frags).build()).build();
    return new CommitBuilder(ds).execute(t);
  }

  public static void main(String[] args) throws Exception {
    String mode = args[0], uri = args[1];
    try (BufferAllocator a = new RootAllocator()) {
      switch (mode) {
        case "create" -> {
          int n = Integer.parseInt(args[2]);
          Dataset empty = Dataset.write().allocator(a).schema(schema()).uri(uri).mode(WriteParams.WriteMode.CREATE).dataStorageVersion("2.0").execute();
          Dataset ds = appendFragments(a, uri, empty, 0, n, "orig");
          empty.close();
          ds.createIndex(IndexOptions.builder(List.of("vector"), IndexType.IVF_HNSW_SQ, IndexParams.builder().setVectorIndexParams(
              VectorIndexParams.withIvfHnswSqParams(DistanceType.Cosine, new IvfBuildParams.Builder().setNumPartitions(4).build(),
                  new HnswBuildParams.Builder().build(), new SQBuildParams.Builder().build())).build()).withIndexName("vector_idx").replace(true).build());
          ds.createIndex(IndexOptions.builder(List.of("small"), IndexType.IVF_PQ, IndexParams.builder().setVectorIndexParams(
              VectorIndexParams.withIvfPqParams(DistanceType.Cosine, new IvfBuildParams.Builder().setNumPartitions(8).build(),
                  new PQBuildParams.Builder().setNumSubVectors(2).setNumBits(8).build())).build()).withIndexName("small_idx").replace(true).build());
          ds.createIndex(IndexOptions.builder(List.of("text"), IndexType.INVERTED, IndexParams.builder().setScalarIndexParams(
              InvertedIndexParams.builder().baseTokenizer("simple").language("English").withPosition(true).lowerCase(true).stem(true).removeStopWords(true).asciiFolding(true).build()).build())
              .withIndexName("text_fts").replace(true).build());
          ds.createIndex(IndexOptions.builder(List.of("id"), IndexType.BTREE, IndexParams.builder().setScalarIndexParams(ScalarIndexParams.create("btree")).build()).withIndexName("id_idx").replace(true).build());
          System.out.println("created version " + ds.version());
          ds.close();
        }
        case "append" -> {
          int from = Integer.parseInt(args[2]), to = Integer.parseInt(args[3]);
          Dataset ds = Dataset.open().allocator(a).uri(uri).build();
          Dataset appended = appendFragments(a, uri, ds, from, to, "appended");
          ds.close();
          // upsert rows 10..19 with new text
          MergeInsertParams p = new MergeInsertParams(List.of("id")).withMatchedUpdateAll().withNotMatched(MergeInsertParams.WhenNotMatched.InsertAll);
          Dataset merged;
          try (VectorSchemaRoot root = batch(a, 10, 20, "upserted"); ArrowArrayStream s = ArrowArrayStream.allocateNew(a)) {
            ArrowReader r = new OneBatch(a, root);
            Data.exportArrayStream(a, r, s);
            merged = appended.mergeInsert(p, s).dataset();
          }
          appended.close();
          merged.optimizeIndices(OptimizeOptions.builder().build());
          merged.delete("id = 'doc-3'");
          System.out.println("appended+upserted+optimized version " + merged.version());
          merged.close();
        }
        case "check" -> check(a, uri);
        default -> throw new IllegalArgumentException(mode);
      }
    }
  }

  static void check(BufferAllocator a, String uri) throws Exception {
    try (Dataset ds = Dataset.open().allocator(a).uri(uri).build()) {
      System.out.println("format " + ds.getLanceFileFormatVersion() + " version " + ds.version() + " rows " + ds.countRows() + " fragments " + ds.getFragments().size());
      for (Field f : ds.getSchema().getFields()) System.out.println("  field " + f.getName() + " " + f.getType() + " nullable=" + f.isNullable() + " meta=" + f.getMetadata());
      List<String> idx = new ArrayList<>();
      try {
        for (IndexDescription d : ds.describeIndices()) idx.add(d.getName() + ":" + d.getIndexType() + ":" + d.getRowsIndexed());
      } catch (RuntimeException e) {
        System.out.println("  describeIndices FAILED: " + e.getMessage().split(", /")[0]);
        idx.addAll(ds.listIndexes());
      }
      Collections.sort(idx);
      System.out.println("  indexes " + idx);
      System.out.println("  count group=g2 " + ds.countRows("json_get_string(metadata, 'group') = 'g2'") + ", n>=100 " + ds.countRows("json_get_int(metadata, 'n') >= 100"));
      for (String col : List.of("vector", "small")) {
        int d = col.equals("vector") ? DIM : SMALL;
        Query q = new Query.Builder().setColumn(col).setKey(vector(17, d, col.equals("vector") ? 0 : 1)).setK(3).setDistanceType(DistanceType.Cosine).setNprobes(4).setRefineFactor(5).build();
        ScanOptions so = new ScanOptions.Builder().nearest(q).filter("json_get_string(metadata, 'group') = 'g2'").prefilter(true)
            .columns(List.of("id", "text", "metadata", "_distance")).build();
        System.out.println("  search " + col + " " + rows(ds, so));
        Query flat = new Query.Builder().setColumn(col).setKey(vector(17, d, col.equals("vector") ? 0 : 1)).setK(3).setDistanceType(DistanceType.Cosine).setUseIndex(false).build();
        List<String> exact = rows(ds, new ScanOptions.Builder().nearest(flat).filter("json_get_string(metadata, 'group') = 'g2'").prefilter(true).columns(List.of("id", "_distance")).build());
        System.out.println("  exact  " + col + " " + exact);
      }
      ScanOptions fts = new ScanOptions.Builder().fullTextQuery(FullTextQuery.match("w17", "text")).columns(List.of("id", "text", "_score")).limit(5).build();
      System.out.println("  fts w17 " + rows(ds, fts));
      ScanOptions fts2 = new ScanOptions.Builder().fullTextQuery(FullTextQuery.match("upserted", "text")).columns(List.of("id", "_score")).limit(100).build();
      System.out.println("  fts upserted hits " + rows(ds, fts2).size());
      ScanOptions fts3 = new ScanOptions.Builder().fullTextQuery(FullTextQuery.phrase("unique w1234", "text")).columns(List.of("id", "_score")).limit(5).build();
      System.out.println("  fts phrase 'unique w1234' " + rows(ds, fts3));
      ScanOptions one = new ScanOptions.Builder().filter("id = 'doc-17'").columns(List.of("id", "text", "metadata", "metadata_types")).build();
      System.out.println("  row doc-17 " + rows(ds, one));
      System.out.println("  doc-3 present: " + ds.countRows("id = 'doc-3'"));
    }
  }

  static List<String> rows(Dataset ds, ScanOptions so) throws Exception {
    List<String> out = new ArrayList<>();
    try (LanceScanner sc = ds.newScan(so); ArrowReader r = sc.scanBatches()) {
      while (r.loadNextBatch()) {
        VectorSchemaRoot root = r.getVectorSchemaRoot();
        for (int i = 0; i < root.getRowCount(); i++) {
          StringBuilder sb = new StringBuilder();
          for (FieldVector v : root.getFieldVectors()) {
            Object o = v.getObject(i);
            if (v.getName().equals("_distance") || v.getName().equals("_score")) o = String.format("%.3f", ((Number) o).doubleValue());
            sb.append(v.getName()).append('=').append(o).append(' ');
          }
          out.add(sb.toString().trim());
        }
      }
    }
    return out;
  }

  static final class OneBatch extends ArrowReader {
    private final VectorSchemaRoot src; private boolean done;
    OneBatch(BufferAllocator a, VectorSchemaRoot src) { super(a); this.src = src; }
    @Override public boolean loadNextBatch() throws java.io.IOException {
      if (done) return false; done = true;
      VectorSchemaRoot root = getVectorSchemaRoot();
      new VectorUnloaderLoader().copy(src, root);
      return true;
    }
    @Override public long bytesRead() { return 0; }
    @Override protected void closeReadSource() {}
    @Override protected Schema readSchema() { return src.getSchema(); }
  }
  static final class VectorUnloaderLoader {
    void copy(VectorSchemaRoot from, VectorSchemaRoot to) {
      try (org.apache.arrow.vector.ipc.message.ArrowRecordBatch b = new VectorUnloader(from).getRecordBatch()) {
        new VectorLoader(to).load(b);
      }
    }
  }
}
