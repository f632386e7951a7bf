package io.github.lancedb4j.benchmarks.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScaleConfigTest {

    @Test
    void row_counts_parse_with_suffixes_and_name_result_files() {
        assertThat(ScaleConfig.parseRows("100k")).isEqualTo(100_000);
        assertThat(ScaleConfig.parseRows("3M")).isEqualTo(3_000_000);
        assertThat(ScaleConfig.parseRows("2.5m")).isEqualTo(2_500_000);
        assertThat(ScaleConfig.parseRows("250_000")).isEqualTo(250_000);
        assertThat(ScaleConfig.rowsLabel(100_000)).isEqualTo("100k");
        assertThat(ScaleConfig.rowsLabel(10_000_000)).isEqualTo("10m");
        assertThat(ScaleConfig.rowsLabel(2_500_000)).isEqualTo("2.5m");
        assertThat(ScaleConfig.rowsLabel(12_345)).isEqualTo("12345");
    }

    @Test
    void a_worker_gets_the_same_part_back_from_the_arguments() {
        ScaleConfig c = ScaleConfig.parse(new String[] {"--dim", "1536", "--rows", "300k", "--systems",
                "store-local,lucene", "--results-dir", "/tmp/r"});

        assertThat(ScaleConfig.parse(c.toArgs().toArray(String[]::new))).isEqualTo(c);
        assertThat(c.resultFile("lucene")).isEqualTo(Path.of("/tmp/r/1536-300k-lucene.tsv"));
    }

    @Test
    void bad_arguments_name_the_problem() {
        assertThatThrownBy(() -> ScaleConfig.parse(new String[] {"--dim", "768"})).hasMessageContaining("--rows");
        assertThatThrownBy(() -> ScaleConfig.parse(new String[] {"--dim", "768", "--rows", "1m", "--systems",
                "pgvector"})).hasMessageContaining("pgvector");
        assertThatThrownBy(() -> ScaleConfig.parse(new String[] {"--dim", "768", "--rows", "1m", "--colour", "red"}))
                .hasMessageContaining("--colour");
        assertThatThrownBy(() -> ScaleConfig.parseRows("10")).hasMessageContaining("--rows");
    }
}
