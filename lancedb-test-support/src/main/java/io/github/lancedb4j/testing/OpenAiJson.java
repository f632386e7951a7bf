package io.github.lancedb4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Small helpers for reading OpenAI request bodies. */
final class OpenAiJson {

  private OpenAiJson() {
  }

  /**
   * The inputs of an embeddings request. {@code input} may be a string, an array of strings, a token array
   * ({@code [1,2,3]}) or an array of token arrays. Token arrays are rendered as {@code "tokens:1,2,3"}.
   *
   * @throws IllegalArgumentException if the shape is none of these
   */
  static List<String> embeddingInputs(JsonNode input) {
    if (input == null || input.isNull() || input.isMissingNode()) {
      return List.of();
    }
    if (input.isTextual()) {
      return List.of(input.asText());
    }
    if (!input.isArray()) {
      throw new IllegalArgumentException("'input' must be a string or an array, got " + input.getNodeType());
    }
    if (input.size() > 0 && input.get(0).isIntegralNumber()) {
      return List.of(tokens(input));
    }
    List<String> texts = new ArrayList<>(input.size());
    for (JsonNode item : input) {
      if (item.isTextual()) {
        texts.add(item.asText());
      } else if (item.isArray()) {
        texts.add(tokens(item));
      } else {
        throw new IllegalArgumentException("'input' items must be strings or token arrays, got " + item.getNodeType());
      }
    }
    return texts;
  }

  private static String tokens(JsonNode array) {
    StringBuilder sb = new StringBuilder("tokens:");
    for (int i = 0; i < array.size(); i++) {
      JsonNode token = array.get(i);
      if (!token.isIntegralNumber()) {
        throw new IllegalArgumentException("token arrays must hold integers, got " + token.getNodeType());
      }
      sb.append(i == 0 ? "" : ",").append(token.asLong());
    }
    return sb.toString();
  }

  /** Text of a chat message {@code content}: a string, or an array of parts whose {@code text} fields are joined. */
  static String contentText(JsonNode content) {
    if (content == null || content.isNull() || content.isMissingNode()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (content.isArray()) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode part : content) {
        if (part.isTextual()) {
          sb.append(part.asText());
        } else if (part.hasNonNull("text")) {
          sb.append(part.get("text").asText());
        }
      }
      return sb.toString();
    }
    return content.toString();
  }

  /** A rough token count: whitespace-separated words, at least 1. */
  static int roughTokens(String text) {
    String trimmed = text.strip();
    return trimmed.isEmpty() ? 1 : trimmed.split("\\s+").length;
  }
}
