package io.github.lancedb4j.samples.springai;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.ai.document.Document;
import org.springframework.ai.transformer.splitter.TokenTextSplitter;

/**
 * Turns a text or Markdown file into chunks with Spring AI's {@link TokenTextSplitter}. Each chunk gets the metadata
 * {@code source} (the file name), {@code chunk_index} and {@code total_chunks}, plus the file's front matter
 * ({@code key: value} lines between {@code ---} lines at the top; whole numbers become numbers), and the id
 * {@code UUID(source#chunk)}: uploading a file again replaces its chunks.
 */
public class DocumentChunker {

    private static final Pattern FRONT_MATTER_LINE = Pattern.compile("^([A-Za-z_][A-Za-z0-9_.-]*)\\s*:\\s*(.*)$");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,18}");

    private final TokenTextSplitter splitter;

    public DocumentChunker(int chunkSize) {
        this.splitter = TokenTextSplitter.builder().withChunkSize(chunkSize).withMinChunkSizeChars(200).build();
    }

    public List<Document> chunk(String source, String content) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        String body = frontMatter(content.replace("\r\n", "\n"), metadata);
        metadata.put("source", source);
        List<Document> chunks = splitter.split(new Document(body, metadata));
        List<Document> result = new ArrayList<>(chunks.size());
        for (Document chunk : chunks) {
            Map<String, Object> m = new LinkedHashMap<>(metadata);
            m.put("chunk_index", chunk.getMetadata().get("chunk_index"));
            m.put("total_chunks", chunk.getMetadata().get("total_chunks"));
            result.add(Document.builder()
                    .id(id(source, (Integer) chunk.getMetadata().get("chunk_index")))
                    .text(chunk.getText())
                    .metadata(m)
                    .build());
        }
        return result;
    }

    static String id(String source, int chunk) {
        return UUID.nameUUIDFromBytes((source + "#" + chunk).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Reads the front matter into {@code metadata}; returns the rest. */
    static String frontMatter(String content, Map<String, Object> metadata) {
        if (!content.startsWith("---\n")) {
            return content;
        }
        int end = content.indexOf("\n---\n", 3);
        if (end < 0 && content.endsWith("\n---")) {
            end = content.length() - 4;   // front matter only
        }
        if (end < 0) {
            return content;
        }
        for (String line : content.substring(4, end).split("\n")) {
            var m = FRONT_MATTER_LINE.matcher(line.strip());
            if (m.matches()) {
                String value = m.group(2).strip();
                if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                        || value.startsWith("'") && value.endsWith("'"))) {
                    metadata.put(m.group(1), value.substring(1, value.length() - 1));
                } else if (WHOLE_NUMBER.matcher(value).matches()) {
                    long n = Long.parseLong(value);
                    metadata.put(m.group(1), n == (int) n ? (Object) (int) n : (Object) n);
                } else {
                    metadata.put(m.group(1), value);
                }
            }
        }
        return end + 5 >= content.length() ? "" : content.substring(end + 5);
    }
}
