package io.github.lancedb4j.samples.springai;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** The sample's HTTP API, called over a real socket; error statuses are returned, not thrown. */
final class Api {

    record Response(int status, JsonNode json) {
        JsonNode get(String field) {
            return json.get(field);
        }
    }

    private final RestClient client;

    Api(int port) {
        this.client = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    Response get(String path) {
        return of(client.get().uri(path).retrieve().toEntity(JsonNode.class));
    }

    /** {@code GET /search} with the parameters encoded (filters hold {@code &&}, quotes and spaces). */
    Response search(String q, Integer k, String filter) {
        return search(q, k, filter, null);
    }

    /** {@code GET /search}, as of a tag or version when {@code asOf} is not null. */
    Response search(String q, Integer k, String filter, String asOf) {
        return of(client.get().uri(b -> {
            b.path("/search").queryParam("q", "{q}");
            Map<String, Object> values = new java.util.HashMap<>(Map.of("q", q));
            if (k != null) {
                b.queryParam("k", k);
            }
            if (filter != null) {
                b.queryParam("filter", "{filter}");
                values.put("filter", filter);
            }
            if (asOf != null) {
                b.queryParam("asOf", "{asOf}");
                values.put("asOf", asOf);
            }
            return b.build(values);
        }).retrieve().toEntity(JsonNode.class));
    }

    Response postJson(String path, Object body) {
        return of(client.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .toEntity(JsonNode.class));
    }

    Response upload(String fileName, String content) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        return of(client.post().uri("/documents").contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve()
                .toEntity(JsonNode.class));
    }

    private static Response of(ResponseEntity<JsonNode> entity) {
        return new Response(entity.getStatusCode().value(), entity.getBody());
    }
}
