package io.github.lancedb4j.store;

import java.util.Map;

/** A row as stored, without vectors: its id, text and metadata (null for a row stored without metadata). */
public record StoredRow(String id, String text, Map<String, Object> metadata) {
}
