package io.github.lancedb4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkIngestJobTest {

    @TempDir
    Path dir;

    @Test
    void the_command_line_runs_an_ingest() throws Exception {
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, "{\"doc\":\"a\",\"body\":\"alpha text\",\"lang\":\"en\"}\n{\"doc\":\"b\",\"body\":\"beta\",\"lang\":\"de\"}\n");
        LanceIngest ingest = SparkIngestJob.parse(new String[] {"--format=jsonl", "--input=" + input, "--id-column=doc",
            "--text-column=body", "--database=" + dir.resolve("db"), "--table=t", "--model=hashing", "--dimension=8",
            "--vector-index=none", "--no-full-text-index"}, Map.of());
        IngestResult r = ingest.run(SparkTestSession.get());
        assertThat(r.rowsWritten()).isEqualTo(2);
        assertThat(r.vectorIndex()).isEqualTo("none");
    }

    @Test
    void bad_arguments_say_what_is_wrong() {
        assertThatThrownBy(() -> SparkIngestJob.parse(new String[] {"--format=parquet", "--input=x"}, Map.of()))
                .hasMessageContaining("--model is required").hasMessageContaining("Usage");
        assertThatThrownBy(() -> SparkIngestJob.parse(new String[] {"--format=parquet", "--input=x", "--model=openai",
            "--base-url=http://127.0.0.1:1", "--model-name=m", "--api-key-env=NOPE", "--database=d", "--table=t"}, Map.of()))
                .hasMessageContaining("NOPE");
        assertThatThrownBy(() -> SparkIngestJob.parse(new String[] {"--format=parquet", "--input=x", "--model=hashing",
            "--dimension=4", "--database=d", "--table=t", "--colour=red"}, Map.of()))
                .hasMessageContaining("unknown argument(s) [colour]");
    }
}
