package io.github.lancedb4j.samples.springai;

import io.github.lancedb4j.springai.LanceDbVectorStore;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.TableTag;
import io.github.lancedb4j.store.TableVersion;
import io.github.lancedb4j.store.VectorIndexInfo;
import java.util.List;
import java.util.Map;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The table behind the page: {@code GET /api/table} (rows, version, tags, vector indexes, the newest versions) and
 * {@code POST /api/tags} (tag the version searches see, so that {@code /search?asOf=} can read it later).
 */
@RestController
class TableController {

    static final int RECENT_VERSIONS = 5;

    private final VectorStore vectorStore;

    TableController(VectorStore vectorStore) {
        this.vectorStore = vectorStore;
    }

    record Index(String column, String type, String metric, long indexedRows, long unindexedRows) {
        static Index of(VectorIndexInfo i) {
            return new Index(i.column(), i.type().name(), i.metric().name(), i.indexedRows(), i.unindexedRows());
        }
    }

    /**
     * @param readOnly   whether the store serves a tag or version ({@code lancedb.read-version}): then uploads are
     *                   refused, and {@code version} is the one it serves
     * @param servingTag the tag a read-only store serves, or null
     */
    record TableStatus(String table, String location, long rows, long version, boolean readOnly, String servingTag,
            int versionCount, List<TableTag> tags, List<Index> indexes, List<TableVersion> recentVersions) {
    }

    record TagRequest(String name) {
    }

    @GetMapping("/api/table")
    TableStatus table() {
        LanceDbVectorStore store = lance(vectorStore);
        LanceTable table = store.table();
        return new TableStatus(table.name(), table.uri(), table.countRows(), table.version(), table.isReadOnly(),
                table.viewTag().orElse(null), table.history().versionCount(), table.history().tags(),
                table.indexes().vectorIndexes().stream().map(Index::of).toList(), table.history().versions(RECENT_VERSIONS));
    }

    /** {@code {"name"}}: tags the version searches see now. */
    @PostMapping(path = "/api/tags", consumes = MediaType.APPLICATION_JSON_VALUE)
    TableTag tag(@RequestBody TagRequest request) {
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The body needs a tag \"name\"");
        }
        return lance(vectorStore).tag(request.name().trim());
    }

    static LanceDbVectorStore lance(VectorStore vectorStore) {
        if (vectorStore instanceof LanceDbVectorStore lance) {
            return lance;
        }
        throw new ResponseStatusException(HttpStatus.NOT_IMPLEMENTED, "The vector store is not a LanceDbVectorStore");
    }
}
