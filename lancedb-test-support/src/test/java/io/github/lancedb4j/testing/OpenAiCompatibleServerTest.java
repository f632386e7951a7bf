package io.github.lancedb4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final OpenAiCompatibleServer server = OpenAiCompatibleServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  // ----- embeddings ----------------------------------------------------------------------------------------

  @Test
  void embedsASingleStringWithTheDefaultDimensions() throws Exception {
    HttpResponse<String> response = post("/embeddings", "{\"model\":\"m\",\"input\":\"hello world\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("object").asText()).isEqualTo("list");
    assertThat(body.path("model").asText()).isEqualTo("m");
    assertThat(body.path("data")).hasSize(1);
    JsonNode item = body.path("data").get(0);
    assertThat(item.path("object").asText()).isEqualTo("embedding");
    assertThat(item.path("index").asInt()).isZero();
    float[] vector = floats(item.path("embedding"));
    assertThat(vector).hasSize(8).containsExactly(OpenAiCompatibleServer.defaultEmbedding("hello world", 8));
    assertThat(norm(vector)).isCloseTo(1.0, within(1e-5));
    assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(2);
    assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(2);
  }

  @Test
  void embedsABatchInOrderWithTheRequestedDimensions() throws Exception {
    JsonNode body = JSON.readTree(
        post("/embeddings", "{\"model\":\"m\",\"input\":[\"a\",\"b\",\"a\"],\"dimensions\":16}").body());

    JsonNode data = body.path("data");
    assertThat(data).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(data.get(i).path("index").asInt()).isEqualTo(i);
      assertThat(data.get(i).path("embedding")).hasSize(16);
    }
    assertThat(floats(data.get(0).path("embedding"))).containsExactly(floats(data.get(2).path("embedding")));
    assertThat(floats(data.get(0).path("embedding"))).isNotEqualTo(floats(data.get(1).path("embedding")));
  }

  @Test
  void defaultDimensionsApplyWhenTheRequestHasNone() throws Exception {
    server.defaultDimensions(5);

    JsonNode body = JSON.readTree(post("/embeddings", "{\"model\":\"m\",\"input\":[\"x\"]}").body());

    assertThat(body.path("data").get(0).path("embedding")).hasSize(5);
  }

  @Test
  void base64EncodingIsLittleEndianFloat32() throws Exception {
    JsonNode body = JSON.readTree(post("/embeddings",
        "{\"model\":\"m\",\"input\":[\"hello\"],\"dimensions\":4,\"encoding_format\":\"base64\"}").body());

    byte[] bytes = Base64.getDecoder().decode(body.path("data").get(0).path("embedding").asText());
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    float[] decoded = new float[bytes.length / Float.BYTES];
    for (int i = 0; i < decoded.length; i++) {
      decoded[i] = buffer.getFloat();
    }
    assertThat(decoded).containsExactly(OpenAiCompatibleServer.defaultEmbedding("hello", 4));
  }

  @Test
  void aCustomEmbeddingFunctionIsUsedAsIs() throws Exception {
    server.embeddingFunction(text -> new float[] {text.length(), 1f});

    JsonNode body = JSON.readTree(post("/embeddings", "{\"model\":\"m\",\"input\":[\"abc\"],\"dimensions\":16}").body());

    assertThat(floats(body.path("data").get(0).path("embedding"))).containsExactly(3f, 1f);
  }

  @Test
  void tokenArrayInputsAreEmbedded() throws Exception {
    JsonNode body = JSON.readTree(post("/embeddings", "{\"model\":\"m\",\"input\":[[1,2,3],[4]]}").body());

    assertThat(body.path("data")).hasSize(2);
    assertThat(server.requests().get(0).embeddingInputs()).containsExactly("tokens:1,2,3", "tokens:4");
  }

  @Test
  void malformedEmbeddingRequestsGet400() throws Exception {
    assertError(post("/embeddings", "{\"model\":\"m\"}"), 400, "invalid_request_error");
    assertError(post("/embeddings", "{\"model\":\"m\",\"input\":[]}"), 400, "invalid_request_error");
    assertError(post("/embeddings", "{\"model\":\"m\",\"input\":\"x\",\"dimensions\":0}"), 400, "invalid_request_error");
    assertError(post("/embeddings", "{\"model\":\"m\",\"input\":\"x\",\"encoding_format\":\"int8\"}"), 400,
        "invalid_request_error");
    assertError(post("/embeddings", "not json"), 400, "invalid_request_error");
  }

  // ----- auth and injected failures ------------------------------------------------------------------------

  @Test
  void aRequiredApiKeyRejectsMissingAndWrongKeysWith401() throws Exception {
    server.requireApiKey("k");

    HttpResponse<String> missing = post("/embeddings", "{\"model\":\"m\",\"input\":\"x\"}");
    HttpResponse<String> wrong = post("/embeddings", "{\"model\":\"m\",\"input\":\"x\"}", "Bearer nope");
    HttpResponse<String> right = post("/embeddings", "{\"model\":\"m\",\"input\":\"x\"}", "Bearer k");

    JsonNode error = assertError(missing, 401, "invalid_request_error");
    assertThat(error.path("code").asText()).isEqualTo("invalid_api_key");
    assertThat(error.path("message").asText()).isNotBlank();
    assertError(wrong, 401, "invalid_request_error");
    assertThat(right.statusCode()).isEqualTo(200);
    assertThat(server.requests()).extracting(RecordedRequest::authorization)
        .containsExactly(null, "Bearer nope", "Bearer k");
  }

  @Test
  void injected429sComeWithRetryAfterThenRequestsSucceed() throws Exception {
    server.failNextRequests(2, 429);

    HttpResponse<String> first = post("/embeddings", "{\"model\":\"m\",\"input\":\"x\"}");
    HttpResponse<String> second = post("/chat/completions", chatBody("hi", false));
    HttpResponse<String> third = post("/embeddings", "{\"model\":\"m\",\"input\":\"x\"}");

    JsonNode error = assertError(first, 429, "requests");
    assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
    assertThat(first.headers().firstValue("retry-after")).hasValue("0");
    assertError(second, 429, "requests");
    assertThat(third.statusCode()).isEqualTo(200);
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void injectedServerErrorsUseTheGivenStatus() throws Exception {
    server.failNextRequests(1, 503);

    assertError(post("/embeddings", "{\"model\":\"m\",\"input\":\"x\"}"), 503, "server_error");
    assertThat(post("/embeddings", "{\"model\":\"m\",\"input\":\"x\"}").statusCode()).isEqualTo(200);
  }

  // ----- chat ----------------------------------------------------------------------------------------------

  @Test
  void chatCompletionEchoesTheLastUserMessageByDefault() throws Exception {
    String request = "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
        + "{\"role\":\"user\",\"content\":\"first\"},{\"role\":\"assistant\",\"content\":\"ok\"},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"second\"}]}]}";

    HttpResponse<String> response = post("/chat/completions", request);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("id").asText()).startsWith("chatcmpl-");
    assertThat(body.path("object").asText()).isEqualTo("chat.completion");
    assertThat(body.path("created").asLong()).isPositive();
    assertThat(body.path("model").asText()).isEqualTo("gpt-test");
    JsonNode choice = body.path("choices").get(0);
    assertThat(choice.path("index").asInt()).isZero();
    assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
    assertThat(choice.path("message").path("content").asText()).isEqualTo("OK: second");
    assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    assertThat(body.path("usage").path("total_tokens").asInt())
        .isEqualTo(body.path("usage").path("prompt_tokens").asInt() + body.path("usage").path("completion_tokens").asInt());
  }

  @Test
  void chatReplyFunctionSeesTheRecordedRequest() throws Exception {
    server.chatReply(r -> "model=" + r.jsonText("model") + " says " + r.lastUserMessage().toUpperCase());

    JsonNode body = JSON.readTree(post("/chat/completions", chatBody("hey", false)).body());

    assertThat(body.path("choices").get(0).path("message").path("content").asText()).isEqualTo("model=gpt-test says HEY");
  }

  @Test
  void streamingAnswersWithSseChunksAndDone() throws Exception {
    String request = "{\"model\":\"gpt-test\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"tell me a story\"}]}";

    HttpResponse<String> response = post("/chat/completions", request);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("text/event-stream"));
    List<String> events = new ArrayList<>();
    for (String line : response.body().split("\n")) {
      if (!line.isEmpty()) {
        assertThat(line).startsWith("data: ");
        events.add(line.substring("data: ".length()));
      }
    }
    assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
    StringBuilder content = new StringBuilder();
    List<JsonNode> chunks = new ArrayList<>();
    for (String event : events.subList(0, events.size() - 1)) {
      chunks.add(JSON.readTree(event));
    }
    assertThat(chunks).allSatisfy(c -> {
      assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk");
      assertThat(c.path("id").asText()).isEqualTo(chunks.get(0).path("id").asText());
    });
    assertThat(chunks.get(0).path("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");
    for (JsonNode chunk : chunks) {
      if (chunk.path("choices").size() > 0) {
        content.append(chunk.path("choices").get(0).path("delta").path("content").asText(""));
      }
    }
    assertThat(content).hasToString("OK: tell me a story");
    JsonNode finish = chunks.get(chunks.size() - 2);
    assertThat(finish.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
    JsonNode usage = chunks.get(chunks.size() - 1);
    assertThat(usage.path("choices")).isEmpty();
    assertThat(usage.path("usage").path("completion_tokens").asInt()).isPositive();
  }

  @Test
  void streamingWithoutIncludeUsageSendsNoUsageChunk() throws Exception {
    String body = post("/chat/completions", chatBody("hi", true)).body();

    assertThat(body).doesNotContain("\"usage\"").endsWith("data: [DONE]\n\n");
  }

  @Test
  void chatWithoutMessagesGets400() throws Exception {
    assertError(post("/chat/completions", "{\"model\":\"gpt-test\"}"), 400, "invalid_request_error");
  }

  // ----- other paths ---------------------------------------------------------------------------------------

  @Test
  void listsModels() throws Exception {
    HttpResponse<String> response = get("/models");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("object").asText()).isEqualTo("list");
    assertThat(body.path("data").get(0).path("object").asText()).isEqualTo("model");
  }

  @Test
  void unknownPathsGet404WithAnOpenAiError() throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create(server.baseUrl().replace("/v1", "") + "/embeddings"))
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());

    JsonNode error = assertError(response, 404, "invalid_request_error");
    assertThat(error.path("message").asText()).contains("POST /embeddings");
    assertThat(server.requests()).extracting(RecordedRequest::path).containsExactly("/embeddings");
  }

  // ----- recording, concurrency, lifecycle -----------------------------------------------------------------

  @Test
  void recordsEveryRequestInOrder() throws Exception {
    server.requireApiKey("k");
    post("/embeddings", "{\"model\":\"m\",\"input\":[\"a\",\"b\"],\"dimensions\":4}", "Bearer k");
    post("/chat/completions", chatBody("hi", false), "Bearer k");
    get("/models");

    assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port() + "/v1");
    List<RecordedRequest> all = server.requests();
    assertThat(all).extracting(RecordedRequest::method).containsExactly("POST", "POST", "GET");
    assertThat(all).extracting(RecordedRequest::path)
        .containsExactly("/v1/embeddings", "/v1/chat/completions", "/v1/models");
    RecordedRequest embeddings = server.requests("/embeddings").get(0);
    assertThat(embeddings.headers()).containsEntry("authorization", "Bearer k").containsKey("content-type");
    assertThat(embeddings.headers().keySet()).allSatisfy(name -> assertThat(name).isLowerCase());
    assertThat(embeddings.header("Content-Type")).isEqualTo("application/json");
    assertThat(embeddings.authorization()).isEqualTo("Bearer k");
    assertThat(embeddings.json().path("dimensions").asInt()).isEqualTo(4);
    assertThat(embeddings.jsonText("model")).isEqualTo("m");
    assertThat(embeddings.embeddingInputs()).containsExactly("a", "b");
    assertThat(embeddings.body()).contains("\"dimensions\":4");
    assertThat(server.requests("/chat/completions").get(0).lastUserMessage()).isEqualTo("hi");
    assertThat(all.get(2).body()).isEmpty();
    assertThat(all.get(2).json()).isNull();
    assertThatThrownBy(() -> all.add(all.get(0))).isInstanceOf(UnsupportedOperationException.class);

    server.clearRequests();
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void servesConcurrentClients() {
    List<CompletableFuture<HttpResponse<String>>> futures = IntStream.range(0, 32)
        .mapToObj(i -> http.sendAsync(request("/embeddings", "{\"model\":\"m\",\"input\":\"text " + i + "\"}", null),
            HttpResponse.BodyHandlers.ofString()))
        .toList();

    assertThat(futures).allSatisfy(f -> assertThat(f.join().statusCode()).isEqualTo(200));
    assertThat(server.requests("/embeddings")).hasSize(32);
  }

  @Test
  void closeStopsListening() {
    server.close();

    assertThatThrownBy(() -> post("/embeddings", "{\"model\":\"m\",\"input\":\"x\"}")).isInstanceOf(IOException.class);
  }

  // ----- helpers -------------------------------------------------------------------------------------------

  private static String chatBody(String userMessage, boolean stream) {
    return "{\"model\":\"gpt-test\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\""
        + userMessage + "\"}]}";
  }

  private HttpRequest request(String path, String body, String authorization) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder.build();
  }

  private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return post(path, body, null);
  }

  private HttpResponse<String> post(String path, String body, String authorization)
      throws IOException, InterruptedException {
    return http.send(request(path, body, authorization), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Asserts the status and an OpenAI-style error body; returns its {@code error} object. */
  private static JsonNode assertError(HttpResponse<String> response, int status, String type) throws IOException {
    assertThat(response.statusCode()).isEqualTo(status);
    JsonNode error = JSON.readTree(response.body()).path("error");
    assertThat(error.path("message").isTextual()).isTrue();
    assertThat(error.path("type").asText()).isEqualTo(type);
    assertThat(error.has("code")).isTrue();
    return error;
  }

  private static float[] floats(JsonNode array) {
    float[] result = new float[array.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = array.get(i).floatValue();
    }
    return result;
  }

  private static double norm(float[] vector) {
    double sum = 0;
    for (float v : vector) {
      sum += v * v;
    }
    return Math.sqrt(sum);
  }
}
