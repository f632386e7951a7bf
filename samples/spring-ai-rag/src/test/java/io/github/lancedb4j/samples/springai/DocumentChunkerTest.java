package io.github.lancedb4j.samples.springai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;

class DocumentChunkerTest {

    final DocumentChunker chunker = new DocumentChunker(300);

    @Test
    void front_matter_becomes_metadata_and_is_not_embedded() {
        List<Document> chunks = chunker.chunk("moon.md",
                "---\r\ntopic: space\r\nyear: 2025\r\nbig: 12345678901\r\ntitle: \"42\"\r\n---\r\n# Moon base\r\n\r\nIce.\r\n");

        assertThat(chunks).hasSize(1);
        Document chunk = chunks.get(0);
        assertThat(chunk.getText()).isEqualTo("# Moon base\n\nIce.");
        assertThat(chunk.getMetadata()).containsEntry("topic", "space").containsEntry("year", 2025)
                .containsEntry("big", 12345678901L).containsEntry("title", "42").containsEntry("source", "moon.md")
                .containsEntry("chunk_index", 0).containsEntry("total_chunks", 1)
                .doesNotContainKey("parent_document_id");
        assertThat(chunk.getId()).isEqualTo(DocumentChunker.id("moon.md", 0))
                .isEqualTo(chunker.chunk("moon.md", "other text").get(0).getId());   // same file, same ids
    }

    @Test
    void text_without_front_matter_is_kept_and_long_text_is_split() {
        assertThat(chunker.chunk("a.txt", "--- not front matter\nx").get(0).getText())
                .isEqualTo("--- not front matter\nx");
        assertThat(chunker.chunk("empty.md", "---\ntopic: none\n---")).isEmpty();

        List<Document> chunks = chunker.chunk("long.txt", "Water the plants every morning. ".repeat(400));
        assertThat(chunks).hasSizeGreaterThan(3);
        assertThat(chunks).extracting(Document::getId).doesNotHaveDuplicates();
        assertThat(chunks.get(chunks.size() - 1).getMetadata()).containsEntry("chunk_index", chunks.size() - 1)
                .containsEntry("total_chunks", chunks.size());
    }
}
