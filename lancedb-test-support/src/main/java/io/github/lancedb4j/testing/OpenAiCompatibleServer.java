package io.github.lancedb4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real HTTP server on {@code 127.0.0.1} that speaks the subset of the OpenAI REST API used by LangChain4j's and
 * Spring AI's OpenAI clients: {@code POST /v1/embeddings}, {@code POST /v1/chat/completions} (plain and SSE
 * streaming) and {@code GET /v1/models}. It plays an "OpenAI-compatible provider" (e.g. HolySheep) in tests and
 * records every request it receives.
 *
 * <pre>{@code
 * try (OpenAiCompatibleServer server = OpenAiCompatibleServer.start().requireApiKey("k")) {
 *   EmbeddingModel model = OpenAiEmbeddingModel.builder().baseUrl(server.baseUrl()).apiKey("k").modelName("m").build();
 *   ...
 *   assertThat(server.requests("/embeddings")).hasSize(3);
 * }
 * }</pre>
 *
 * <p>Request handling order: record, then injected failure ({@link #failNextRequests}), then API-key check,
 * then routing. Configuration methods may be called at any time, also while clients are running.
 */
public final class OpenAiCompatibleServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OpenAiCompatibleServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DEFAULT_DIMENSIONS = 8;

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<RecordedRequest> requests = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();

  private volatile String apiKey;
  private volatile int defaultDimensions = DEFAULT_DIMENSIONS;
  private volatile Function<String, float[]> embeddingFunction;
  private volatile Function<RecordedRequest, String> chatReply = OpenAiCompatibleServer::echoReply;
  private int failuresLeft;
  private int failureStatus;

  private OpenAiCompatibleServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a server on {@code 127.0.0.1} on a random free port. */
  public static OpenAiCompatibleServer start() {
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("could not bind an OpenAI-compatible test server to 127.0.0.1", e);
    }
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "openai-compatible-server-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    OpenAiCompatibleServer result = new OpenAiCompatibleServer(http, executor);
    http.createContext("/", result::handle);
    http.setExecutor(executor);
    http.start();
    return result;
  }

  /** {@code http://127.0.0.1:PORT/v1}; clients append {@code /embeddings}, {@code /chat/completions}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v1";
  }

  /** The port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * From now on, requests without {@code Authorization: Bearer <key>} get 401 with an OpenAI-style error
   * ({@code code: invalid_api_key}). {@code null} switches the check off again (the default).
   */
  public OpenAiCompatibleServer requireApiKey(String key) {
    this.apiKey = key;
    return this;
  }

  /**
   * Replaces the default embedding (see {@link #defaultEmbedding(String, int)}). The function's vector is
   * returned as is; a request's {@code dimensions} field is then ignored.
   */
  public OpenAiCompatibleServer embeddingFunction(Function<String, float[]> f) {
    this.embeddingFunction = f;
    return this;
  }

  /** Vector length of the default embedding when a request has no {@code dimensions} field (default 8). */
  public OpenAiCompatibleServer defaultDimensions(int d) {
    if (d <= 0) {
      throw new IllegalArgumentException("dimensions must be positive, got " + d);
    }
    this.defaultDimensions = d;
    return this;
  }

  /** The assistant reply for a chat request (default: {@code "OK: " + last user message}). */
  public OpenAiCompatibleServer chatReply(Function<RecordedRequest, String> f) {
    this.chatReply = Objects.requireNonNull(f, "chatReply");
    return this;
  }

  /**
   * The next {@code count} requests (any path) get {@code httpStatus} with {@code Retry-After: 0} and an
   * OpenAI-style error body; later requests are served normally. Replaces any earlier pending failures.
   */
  public synchronized OpenAiCompatibleServer failNextRequests(int count, int httpStatus) {
    if (count < 0 || httpStatus < 400 || httpStatus > 599) {
      throw new IllegalArgumentException("need count >= 0 and a 4xx/5xx status, got " + count + ", " + httpStatus);
    }
    this.failuresLeft = count;
    this.failureStatus = httpStatus;
    return this;
  }

  /** All requests received so far, in arrival order. */
  public List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The requests whose path ends with {@code pathSuffix}, e.g. {@code "/embeddings"}. */
  public List<RecordedRequest> requests(String pathSuffix) {
    return requests().stream().filter(r -> r.path().endsWith(pathSuffix)).toList();
  }

  /** Forgets the recorded requests. */
  public void clearRequests() {
    synchronized (requests) {
      requests.clear();
    }
  }

  /** Stops the server and its threads; safe to call more than once. */
  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The default embedding: a unit vector of {@code dimensions} floats, derived from the SHA-256 of the text.
   * Equal texts give equal vectors; different texts give unrelated (nearly orthogonal in high dimensions) vectors.
   */
  public static float[] defaultEmbedding(String text, int dimensions) {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Random random = new Random(ByteBuffer.wrap(digest).getLong());
    float[] vector = new float[dimensions];
    double norm = 0;
    for (int i = 0; i < dimensions; i++) {
      vector[i] = (float) random.nextGaussian();
      norm += vector[i] * vector[i];
    }
    norm = Math.sqrt(norm);
    for (int i = 0; i < dimensions; i++) {
      vector[i] = (float) (vector[i] / norm);
    }
    return vector;
  }

  // ---------------------------------------------------------------------------------------------------------

  private void handle(HttpExchange exchange) {
    try (exchange) {
      RecordedRequest request = record(exchange);
      int injected = takeInjectedFailure();
      if (injected != 0) {
        exchange.getResponseHeaders().set("Retry-After", "0");
        exchange.getResponseHeaders().set("retry-after-ms", "0");
        sendError(exchange, injected, injectedMessage(injected), injectedType(injected), injectedCode(injected));
        return;
      }
      String key = apiKey;
      if (key != null && !("Bearer " + key).equals(request.authorization())) {
        sendError(exchange, 401, "Incorrect API key provided. You can find your API key in your account settings.",
            "invalid_request_error", "invalid_api_key");
        return;
      }
      route(exchange, request);
    } catch (Exception e) {
      LOG.warn("OpenAI-compatible test server failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      try {
        sendError(exchange, 500, "test server error: " + e, "server_error", null);
      } catch (IOException | RuntimeException ignored) {
        // response already started or connection gone
      }
    }
  }

  private RecordedRequest record(HttpExchange exchange) throws IOException {
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    String body = new String(bytes, StandardCharsets.UTF_8);
    Map<String, String> headers = new TreeMap<>();
    exchange.getRequestHeaders().forEach((name, values) ->
        headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
    JsonNode json = null;
    if (!body.isBlank()) {
      try {
        json = JSON.readTree(body);
      } catch (IOException notJson) {
        // recorded with json == null; the route answers 400
      }
    }
    RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
        headers, body, json);
    synchronized (requests) {
      requests.add(request);
    }
    return request;
  }

  private synchronized int takeInjectedFailure() {
    if (failuresLeft <= 0) {
      return 0;
    }
    failuresLeft--;
    return failureStatus;
  }

  private void route(HttpExchange exchange, RecordedRequest request) throws IOException {
    String method = request.method();
    String path = request.path();
    if (path.equals("/v1/embeddings") && method.equals("POST")) {
      embeddings(exchange, request);
    } else if (path.equals("/v1/chat/completions") && method.equals("POST")) {
      chatCompletions(exchange, request);
    } else if (path.equals("/v1/models") && method.equals("GET")) {
      models(exchange);
    } else if (path.startsWith("/v1/models/") && method.equals("GET")) {
      sendJson(exchange, 200, model(path.substring("/v1/models/".length())));
    } else if (path.equals("/v1/embeddings") || path.equals("/v1/chat/completions") || path.equals("/v1/models")) {
      exchange.getResponseHeaders().set("Allow", path.equals("/v1/models") ? "GET" : "POST");
      sendError(exchange, 405, "Method " + method + " not allowed for " + path, "invalid_request_error", null);
    } else {
      sendError(exchange, 404, "Invalid URL (" + method + " " + path + ")", "invalid_request_error", "unknown_url");
    }
  }

  // ----- /v1/embeddings ------------------------------------------------------------------------------------

  private void embeddings(HttpExchange exchange, RecordedRequest request) throws IOException {
    JsonNode json = request.json();
    if (json == null || !json.isObject()) {
      badRequest(exchange, "We could not parse the JSON body of your request.", null);
      return;
    }
    List<String> inputs;
    try {
      inputs = OpenAiJson.embeddingInputs(json.get("input"));
    } catch (IllegalArgumentException e) {
      badRequest(exchange, e.getMessage(), "input");
      return;
    }
    if (inputs.isEmpty()) {
      badRequest(exchange, "'input' is required and must not be empty", "input");
      return;
    }
    int dimensions = defaultDimensions;
    if (json.has("dimensions") && !json.get("dimensions").isNull()) {
      JsonNode d = json.get("dimensions");
      if (!d.canConvertToInt() || !d.isIntegralNumber() || d.asInt() <= 0) {
        badRequest(exchange, "'dimensions' must be a positive integer, got " + d, "dimensions");
        return;
      }
      dimensions = d.asInt();
    }
    String format = json.path("encoding_format").asText("float");
    if (!format.equals("float") && !format.equals("base64")) {
      badRequest(exchange, "'encoding_format' must be 'float' or 'base64', got '" + format + "'", "encoding_format");
      return;
    }
    Function<String, float[]> custom = embeddingFunction;
    ObjectNode response = JSON.createObjectNode();
    response.put("object", "list");
    ArrayNode data = response.putArray("data");
    int tokens = 0;
    for (int i = 0; i < inputs.size(); i++) {
      String text = inputs.get(i);
      float[] vector = custom != null ? custom.apply(text) : defaultEmbedding(text, dimensions);
      tokens += OpenAiJson.roughTokens(text);
      ObjectNode item = data.addObject();
      item.put("object", "embedding");
      item.put("index", i);
      if (format.equals("base64")) {
        item.put("embedding", base64(vector));
      } else {
        ArrayNode values = item.putArray("embedding");
        for (float v : vector) {
          values.add(v);
        }
      }
    }
    response.put("model", json.path("model").asText("text-embedding-test"));
    ObjectNode usage = response.putObject("usage");
    usage.put("prompt_tokens", tokens);
    usage.put("total_tokens", tokens);
    sendJson(exchange, 200, response);
  }

  private static String base64(float[] vector) {
    ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : vector) {
      buffer.putFloat(v);
    }
    return Base64.getEncoder().encodeToString(buffer.array());
  }

  // ----- /v1/chat/completions ------------------------------------------------------------------------------

  private void chatCompletions(HttpExchange exchange, RecordedRequest request) throws IOException {
    JsonNode json = request.json();
    if (json == null || !json.isObject()) {
      badRequest(exchange, "We could not parse the JSON body of your request.", null);
      return;
    }
    if (!json.path("messages").isArray() || json.get("messages").isEmpty()) {
      badRequest(exchange, "'messages' is required and must be a non-empty array", "messages");
      return;
    }
    String reply = Objects.requireNonNullElse(chatReply.apply(request), "");
    String id = "chatcmpl-test-" + ids.incrementAndGet();
    long created = System.currentTimeMillis() / 1000;
    String model = json.path("model").asText("gpt-test");
    int promptTokens = 0;
    for (JsonNode message : json.get("messages")) {
      promptTokens += OpenAiJson.roughTokens(OpenAiJson.contentText(message.get("content")));
    }
    int completionTokens = OpenAiJson.roughTokens(reply);
    if (request.streaming()) {
      boolean includeUsage = json.path("stream_options").path("include_usage").asBoolean(false);
      stream(exchange, id, created, model, reply, includeUsage ? usage(promptTokens, completionTokens) : null);
      return;
    }
    ObjectNode response = completionHeader(id, "chat.completion", created, model);
    ObjectNode choice = response.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", reply);
    message.putNull("refusal");
    choice.putNull("logprobs");
    choice.put("finish_reason", "stop");
    response.set("usage", usage(promptTokens, completionTokens));
    sendJson(exchange, 200, response);
  }

  private void stream(HttpExchange exchange, String id, long created, String model, String reply, ObjectNode usage)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    List<String> pieces = new ArrayList<>();
    pieces.add(null); // first chunk: role only
    for (String word : reply.split("(?<= )")) {
      if (!word.isEmpty()) {
        pieces.add(word);
      }
    }
    for (String piece : pieces) {
      ObjectNode chunk = completionHeader(id, "chat.completion.chunk", created, model);
      ObjectNode choice = chunk.putArray("choices").addObject();
      choice.put("index", 0);
      ObjectNode delta = choice.putObject("delta");
      if (piece == null) {
        delta.put("role", "assistant");
        delta.put("content", "");
      } else {
        delta.put("content", piece);
      }
      choice.putNull("logprobs");
      choice.putNull("finish_reason");
      sse(out, chunk);
    }
    ObjectNode last = completionHeader(id, "chat.completion.chunk", created, model);
    ObjectNode choice = last.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("delta");
    choice.putNull("logprobs");
    choice.put("finish_reason", "stop");
    sse(out, last);
    if (usage != null) {
      ObjectNode usageChunk = completionHeader(id, "chat.completion.chunk", created, model);
      usageChunk.putArray("choices");
      usageChunk.set("usage", usage);
      sse(out, usageChunk);
    }
    out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void sse(OutputStream out, JsonNode event) throws IOException {
    out.write(("data: " + JSON.writeValueAsString(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static ObjectNode completionHeader(String id, String object, long created, String model) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", id);
    node.put("object", object);
    node.put("created", created);
    node.put("model", model);
    node.put("system_fingerprint", "fp_test");
    return node;
  }

  private static ObjectNode usage(int promptTokens, int completionTokens) {
    ObjectNode usage = JSON.createObjectNode();
    usage.put("prompt_tokens", promptTokens);
    usage.put("completion_tokens", completionTokens);
    usage.put("total_tokens", promptTokens + completionTokens);
    return usage;
  }

  private static String echoReply(RecordedRequest request) {
    String last = request.lastUserMessage();
    return "OK: " + (last == null ? "" : last);
  }

  // ----- /v1/models ----------------------------------------------------------------------------------------

  private void models(HttpExchange exchange) throws IOException {
    ObjectNode response = JSON.createObjectNode();
    response.put("object", "list");
    ArrayNode data = response.putArray("data");
    for (String id : List.of("text-embedding-3-small", "text-embedding-3-large", "gpt-4o-mini")) {
      data.add(model(id));
    }
    sendJson(exchange, 200, response);
  }

  private static ObjectNode model(String id) {
    ObjectNode model = JSON.createObjectNode();
    model.put("id", id);
    model.put("object", "model");
    model.put("created", 1700000000L);
    model.put("owned_by", "lancedb4j-test");
    return model;
  }

  // ----- responses -----------------------------------------------------------------------------------------

  private static String injectedMessage(int status) {
    return switch (status) {
      case 429 -> "Rate limit reached for requests (injected by the test server). Please try again in 0s.";
      case 401 -> "Incorrect API key provided (injected by the test server).";
      default -> "Injected failure with HTTP " + status + " (test server).";
    };
  }

  private static String injectedType(int status) {
    return switch (status) {
      case 429 -> "requests";
      case 500, 502, 503, 504 -> "server_error";
      default -> "invalid_request_error";
    };
  }

  private static String injectedCode(int status) {
    return switch (status) {
      case 429 -> "rate_limit_exceeded";
      case 401 -> "invalid_api_key";
      default -> null;
    };
  }

  private static void badRequest(HttpExchange exchange, String message, String param) throws IOException {
    ObjectNode body = errorBody(message, "invalid_request_error", null);
    if (param != null) {
      ((ObjectNode) body.get("error")).put("param", param);
    }
    sendJson(exchange, 400, body);
  }

  private static void sendError(HttpExchange exchange, int status, String message, String type, String code)
      throws IOException {
    sendJson(exchange, status, errorBody(message, type, code));
  }

  private static ObjectNode errorBody(String message, String type, String code) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("message", message);
    error.put("type", type);
    error.putNull("param");
    if (code == null) {
      error.putNull("code");
    } else {
      error.put("code", code);
    }
    return body;
  }

  private static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("x-request-id", "req-test-" + System.nanoTime());
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
