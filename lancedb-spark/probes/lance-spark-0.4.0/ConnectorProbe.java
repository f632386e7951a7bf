import java.util.*;
import org.apache.spark.sql.*;
import org.apache.spark.sql.types.*;

public class ConnectorProbe {
  public static void main(String[] args) throws Exception {
    SparkSession spark = SparkSession.builder().master("local[2]").appName("probe").config("spark.ui.enabled", "false").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    String mode = args[0];
    if (mode.equals("read")) {
      Dataset<Row> df = spark.read().format("lance").load(args[1]);
      df.printSchema();
      df.filter("id = 'doc-17'").show(1, false);
      System.out.println("count " + df.count());
    } else {
      Metadata vecMeta = new MetadataBuilder().putLong("arrow.fixed-size-list.size", 32).build();
      StructType schema = new StructType()
          .add("id", DataTypes.StringType, false).add("text", DataTypes.StringType, true)
          .add("metadata", DataTypes.StringType, true).add("metadata_types", DataTypes.StringType, true)
          .add("vector", DataTypes.createArrayType(DataTypes.FloatType, false), true, vecMeta);
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        float[] v = new float[32]; Random r = new Random(i); List<Float> l = new ArrayList<>();
        for (int k = 0; k < 32; k++) l.add((float) r.nextGaussian());
        rows.add(RowFactory.create("doc-" + i, "text " + i, "{\"group\":\"g" + (i % 5) + "\"}", "{\"group\":\"string\"}", l.toArray(new Float[0])));
      }
      spark.createDataFrame(rows, schema).write().format("lance").save(args[1]);
      System.out.println("written");
    }
    spark.stop();
  }
}
