package io.github.lancedb4j.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.Row;
import io.github.lancedb4j.store.VectorColumn;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Lance's JSON columns import without Arrow's INFO line, and with the types they had before. */
class LanceExtensionTypesTest {

    @TempDir
    Path dir;

    Logger importer = (Logger) LoggerFactory.getLogger("org.apache.arrow.c.SchemaImporter");
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    Level level;

    @BeforeEach
    void capture() {
        level = importer.getLevel();
        importer.setLevel(Level.DEBUG);
        events.start();
        importer.addAppender(events);
    }

    @AfterEach
    void release() {
        importer.detachAppender(events);
        importer.setLevel(level);
    }

    @Test
    void creating_writing_and_reading_a_table_logs_no_unrecognized_extension_type() {
        Schema schema;
        try (LanceDatabase db = LanceDatabase.connect(dir.toString())) {
            LanceTable table = db.openTable("docs", List.of(VectorColumn.of("vector", 2)), true);
            table.upsert(List.of(Row.of("a", "text", Map.of("k", "v"), "vector", new float[] {1, 0})),
                    List.of("vector"));
            assertThat(table.countRows()).isEqualTo(1);
            assertThat(table.find(null, 10)).hasSize(1); // a scan: its results carry arrow.json
            schema = table.withDataset(dataset -> dataset.getSchema());
        }
        try (LanceDatabase reopened = LanceDatabase.connect(dir.toString())) {
            reopened.openTable("docs", List.of(VectorColumn.of("vector", 2)), false);
        }

        assertThat(events.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(message -> message.contains("Unrecognized extension type"));
        // The JSON columns are still their storage type, with Lance's extension name in the field metadata.
        Field metadata = schema.findField("metadata");
        assertThat(metadata.getType()).isNotInstanceOf(ArrowType.ExtensionType.class);
        assertThat(metadata.getMetadata()).containsEntry("ARROW:extension:name", "lance.json");
    }

    @Test
    void the_type_hands_back_the_storage_type() {
        LanceExtensionTypes.register();
        LanceExtensionTypes.register(); // idempotent
        for (String name : new String[] {"lance.json", "arrow.json"}) {
            ArrowType.ExtensionType type = org.apache.arrow.vector.types.pojo.ExtensionTypeRegistry.lookup(name);
            assertThat(type).isInstanceOf(LanceExtensionTypes.StorageTypeExtension.class);
            assertThat(type.deserialize(ArrowType.LargeBinary.INSTANCE, "")).isEqualTo(ArrowType.LargeBinary.INSTANCE);
            assertThat(type.deserialize(ArrowType.Utf8.INSTANCE, "")).isEqualTo(ArrowType.Utf8.INSTANCE);
        }
    }
}
