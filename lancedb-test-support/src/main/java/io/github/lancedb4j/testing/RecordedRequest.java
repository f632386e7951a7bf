package io.github.lancedb4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request received by {@link OpenAiCompatibleServer}, recorded before any response was decided
 * (so rejected, failed and unknown-path requests are recorded too).
 *
 * @param method  HTTP method, e.g. {@code POST}
 * @param path    request path without the query string, e.g. {@code /v1/embeddings}
 * @param headers request headers; names in lower case, repeated headers joined with {@code ", "}
 * @param body    raw request body as UTF-8 text ({@code ""} when there was none)
 * @param json    the body parsed as JSON, or {@code null} when it is empty or not valid JSON
 */
public record RecordedRequest(String method, String path, Map<String, String> headers, String body, JsonNode json) {

  public RecordedRequest {
    headers = Map.copyOf(headers);
  }

  /** The value of a header (name matched case-insensitively), or {@code null}. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** The {@code Authorization} header, e.g. {@code "Bearer k"}, or {@code null}. */
  public String authorization() {
    return header("authorization");
  }

  /** The text of a top-level JSON body field ({@code "model"}, {@code "encoding_format"}...), or {@code null}. */
  public String jsonText(String field) {
    if (json == null || !json.hasNonNull(field)) {
      return null;
    }
    JsonNode node = json.get(field);
    return node.isValueNode() ? node.asText() : node.toString();
  }

  /**
   * For an embeddings request: the {@code input} texts in order (a single string becomes a one-element list,
   * token arrays are rendered as {@code "tokens:1,2,3"}). Empty when there is no input.
   */
  public List<String> embeddingInputs() {
    return json == null ? List.of() : OpenAiJson.embeddingInputs(json.get("input"));
  }

  /** For a chat request: the text content of the last message with role {@code user}, or {@code null}. */
  public String lastUserMessage() {
    if (json == null || !json.path("messages").isArray()) {
      return null;
    }
    List<JsonNode> messages = new ArrayList<>();
    json.get("messages").forEach(messages::add);
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("user".equals(messages.get(i).path("role").asText())) {
        return OpenAiJson.contentText(messages.get(i).get("content"));
      }
    }
    return null;
  }

  /** Whether the JSON body asked for a streamed answer ({@code "stream": true}). */
  public boolean streaming() {
    return json != null && json.path("stream").asBoolean(false);
  }
}
