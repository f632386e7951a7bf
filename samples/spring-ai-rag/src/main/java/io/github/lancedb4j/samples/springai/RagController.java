package io.github.lancedb4j.samples.springai;

import io.github.lancedb4j.springai.LangChain4jEmbeddingModel;
import io.github.lancedb4j.store.LanceTable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.ai.document.Document;
import org.springframework.ai.document.DocumentMetadata;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;
import org.springframework.ai.vectorstore.filter.FilterExpressionTextParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import io.github.lancedb4j.springai.LanceDbVectorStore;
import io.github.lancedb4j.store.SearchMode;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * The HTTP API: {@code POST /documents} (JSON or file upload), {@code GET /search}, {@code POST /ask} and
 * {@code GET /api/config} (what the page needs to know).
 */
@RestController
class RagController {

    private static final Logger LOG = LoggerFactory.getLogger(RagController.class);
    static final int MAX_K = 50;
    private static final List<String> TEXT_SUFFIXES = List.of(".txt", ".text", ".md", ".markdown");

    private final VectorStore vectorStore;
    private final ObjectProvider<Assistant> assistant;
    private final SampleProperties properties;
    private final EmbeddingModel embeddingModel;
    private final Environment environment;

    RagController(VectorStore vectorStore, ObjectProvider<Assistant> assistant, SampleProperties properties,
            EmbeddingModel embeddingModel, Environment environment) {
        this.vectorStore = vectorStore;
        this.assistant = assistant;
        this.properties = properties;
        this.embeddingModel = embeddingModel;
        this.environment = environment;
    }

    /** A search result, also the shape of the documents an answer was based on. */
    record Hit(String id, Double score, String text, Map<String, Object> metadata) {
        static Hit of(Document d) {
            Map<String, Object> metadata = new LinkedHashMap<>(d.getMetadata());
            metadata.remove(DocumentMetadata.DISTANCE.value());   // the raw distance; score says the same
            return new Hit(d.getId(), d.getScore(), d.getText(), metadata);
        }
    }

    record Added(int documents, List<String> ids, List<String> sources) {
    }

    record AskRequest(String question, Integer k, String filter) {
    }

    record AskResponse(String answer, String model, List<Hit> documents) {
    }

    // ----- POST /documents ------------------------------------------------------------------------------------

    /** {@code {"id"?, "text", "metadata"?}} or a list of them; each is one document, upserted by id. */
    @PostMapping(path = "/documents", consumes = MediaType.APPLICATION_JSON_VALUE)
    Added addJson(@RequestBody Object body) {
        List<?> items = body instanceof List<?> list ? list : List.of(body);
        if (items.isEmpty()) {
            throw badRequest("The body is an empty list: send {\"text\": ...} or a list of them");
        }
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            documents.add(toDocument(items.get(i), items.size() == 1 ? "the document" : "document " + i));
        }
        vectorStore.add(documents);
        return new Added(documents.size(), documents.stream().map(Document::getId).toList(),
                documents.stream().map(d -> d.getMetadata().get("source")).filter(s -> s != null)
                        .map(Object::toString).distinct().toList());
    }

    private static Document toDocument(Object item, String what) {
        if (!(item instanceof Map<?, ?> map)) {
            throw badRequest(what + " is not a JSON object with \"text\"");
        }
        for (Object key : map.keySet()) {
            if (!List.of("id", "text", "metadata").contains(key)) {
                throw badRequest(what + " has the unknown field \"" + key + "\" (allowed: id, text, metadata)");
            }
        }
        if (!(map.get("text") instanceof String text) || text.isBlank()) {
            throw badRequest(what + " needs a non-empty string \"text\"");
        }
        Document.Builder builder = Document.builder().text(text);
        Object id = map.get("id");
        if (id != null) {
            if (!(id instanceof String s) || s.isBlank()) {
                throw badRequest(what + ": \"id\" must be a non-empty string");
            }
            builder.id(s);
        }
        Object metadata = map.get("metadata");
        if (metadata != null) {
            if (!(metadata instanceof Map<?, ?> m)) {
                throw badRequest(what + ": \"metadata\" must be a JSON object");
            }
            Map<String, Object> values = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (v == null) {
                    throw badRequest(what + ": metadata \"" + k + "\" is null (leave the key out instead)");
                }
                values.put(k.toString(), v);
            });
            builder.metadata(values);
        }
        return builder.build();
    }

    /**
     * Text or Markdown files (field {@code file}, repeatable), split into chunks with metadata {@code source} = the
     * file name; a file uploaded again replaces its earlier chunks.
     */
    @PostMapping(path = "/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Added upload(@RequestParam("file") List<MultipartFile> files) throws IOException {
        DocumentChunker chunker = new DocumentChunker(properties.getChunkSize());
        List<Document> chunks = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (MultipartFile file : files) {
            String name = StringUtils.getFilename(StringUtils.cleanPath(
                    file.getOriginalFilename() == null ? "" : file.getOriginalFilename()));
            if (name == null || name.isBlank()) {
                throw badRequest("An uploaded file has no name");
            }
            if (TEXT_SUFFIXES.stream().noneMatch(name.toLowerCase(Locale.ROOT)::endsWith)) {
                throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "'" + name + "' is not a text file: upload " + String.join(", ", TEXT_SUFFIXES) + " files");
            }
            List<Document> fileChunks = chunker.chunk(name, utf8(name, file.getBytes()));
            if (fileChunks.isEmpty()) {
                throw badRequest("'" + name + "' has no text");
            }
            chunks.addAll(fileChunks);
            sources.add(name);
        }
        if (sources.isEmpty()) {
            throw badRequest("No file: send multipart/form-data with one or more 'file' parts");
        }
        FilterExpressionBuilder b = new FilterExpressionBuilder();
        vectorStore.delete(b.in("source", sources.toArray()).build());   // the earlier chunks of these files
        vectorStore.add(chunks);
        return new Added(chunks.size(), chunks.stream().map(Document::getId).toList(), sources);
    }

    private static String utf8(String name, byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw badRequest("'" + name + "' is not UTF-8 text");
        }
    }

    // ----- GET /search ----------------------------------------------------------------------------------------

    /**
     * The {@code k} best documents for {@code q} among those matching {@code filter}, best first, ranked by
     * {@code mode}: {@code vector} (meaning), {@code full-text} (the words typed, BM25) or {@code hybrid} (both).
     */
    @GetMapping("/search")
    List<Hit> search(@RequestParam String q, @RequestParam(defaultValue = "5") int k,
            @RequestParam(required = false) String filter, @RequestParam(defaultValue = "vector") String mode) {
        if (q.isBlank()) {
            throw badRequest("The query 'q' is empty");
        }
        SearchMode searchMode;
        try {
            searchMode = SearchMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw badRequest(e.getMessage());
        }
        SearchRequest.Builder request = SearchRequest.builder().query(q).topK(checkK(k)).similarityThresholdAll();
        Filter.Expression expression = parseFilter(filter);
        if (expression != null) {
            request.filterExpression(expression);
        }
        if (vectorStore instanceof LanceDbVectorStore lance) {
            return lance.similaritySearch(request.build(), searchMode).stream().map(Hit::of).toList();
        }
        if (searchMode != SearchMode.VECTOR) {
            throw badRequest("The vector store " + vectorStore.getName() + " searches by vector only");
        }
        return vectorStore.similaritySearch(request.build()).stream().map(Hit::of).toList();
    }

    // ----- POST /ask ------------------------------------------------------------------------------------------

    /** {@code {"question", "k"?, "filter"?}}: an answer from the chat model over the retrieved documents. */
    @PostMapping(path = "/ask", consumes = MediaType.APPLICATION_JSON_VALUE)
    AskResponse ask(@RequestBody AskRequest request) {
        Assistant a = assistant.getIfAvailable();
        if (a == null) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "No chat model is configured: set "
                    + "sample.chat.api-key (e.g. export HOLYSHEEP_API_KEY=...) and restart. GET /search works without.");
        }
        if (request == null || request.question() == null || request.question().isBlank()) {
            throw badRequest("The body needs a non-empty \"question\"");
        }
        Integer k = request.k() == null ? null : checkK(request.k());
        Filter.Expression filter = parseFilter(request.filter());
        Assistant.Answer answer;
        try {
            answer = a.ask(request.question(), k, filter);
        } catch (RuntimeException e) {
            Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
            String reason = cause == e ? e.getMessage() : e.getMessage() + ": " + cause.getMessage();
            LOG.warn("The chat model ({}) failed", a, e);
            throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, "The chat model (" + a + ") failed: " + reason, e);
        }
        return new AskResponse(answer.answer(), properties.getChat().getModel(),
                answer.documents().stream().map(Hit::of).toList());
    }

    // ----- GET /api/config ------------------------------------------------------------------------------------

    /** What the page shows in its header, and whether it shows the ask box. */
    @GetMapping("/api/config")
    Map<String, Object> config() {
        LanceTable table = vectorStore.<LanceTable>getNativeClient().orElseThrow();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("table", table.name());
        config.put("location", table.uri());
        config.put("rows", table.countRows());   // from the table's manifest: cheap
        config.put("embeddingModel", embeddingModel instanceof LangChain4jEmbeddingModel
                ? "all-MiniLM-L6-v2 (in-process)"
                : environment.getProperty("lancedb.embedding.model", "text-embedding-3-small"));
        Assistant a = assistant.getIfAvailable();
        config.put("askEnabled", a != null);
        config.put("chatModel", a == null ? null : a.toString());
        config.put("askDisabledReason", a == null ? "No chat model is configured (set sample.chat.api-key)." : null);
        return config;
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * A fresh parser per request: the parser caches every expression it has parsed, which a server must not do for
     * user input. A syntax error becomes a 400 in {@link ApiErrors}.
     */
    private static Filter.Expression parseFilter(String filter) {
        return filter == null || filter.isBlank() ? null : new FilterExpressionTextParser().parse(filter);
    }

    private static int checkK(int k) {
        if (k < 1 || k > MAX_K) {
            throw badRequest("k must be between 1 and " + MAX_K + ", got " + k);
        }
        return k;
    }

    private static ResponseStatusException badRequest(String message) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
    }
}
