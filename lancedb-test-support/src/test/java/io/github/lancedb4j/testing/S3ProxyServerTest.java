package io.github.lancedb4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/** Talks to {@link S3ProxyServer} with plain HTTP and hand-made AWS V2 signatures. */
class S3ProxyServerTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void putsAndGetsAnObjectOnDisk() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            roundTrip(s3);
        }
    }

    @Test
    void putsAndGetsAnObjectInMemory() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.startInMemory()) {
            roundTrip(s3);
        }
    }

    private void roundTrip(S3ProxyServer s3) throws Exception {
        assertThat(s3.endpoint()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(s3.createBucket("bucket")).isEqualTo("bucket");
        assertThat(s3.createBucket("bucket")).isEqualTo("bucket"); // idempotent

        HttpResponse<String> put = send(s3, "PUT", "/bucket/dir/hello.txt", "hello s3", s3.secretKey(), null);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        HttpResponse<String> get = send(s3, "GET", "/bucket/dir/hello.txt", null, s3.secretKey(), null);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("hello s3");

        // Conditional create, as Lance commits use it: the second attempt must fail with 412.
        assertThat(send(s3, "PUT", "/bucket/dir/once", "1", s3.secretKey(), "*").statusCode()).isEqualTo(200);
        assertThat(send(s3, "PUT", "/bucket/dir/once", "2", s3.secretKey(), "*").statusCode()).isEqualTo(412);
        assertThat(send(s3, "GET", "/bucket/dir/once", null, s3.secretKey(), null).body()).isEqualTo("1");

        HttpResponse<String> denied = send(s3, "GET", "/bucket/dir/hello.txt", null, "wrong", null);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("SignatureDoesNotMatch");
    }

    @Test
    void describesItselfForLance() {
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            assertThat(s3.accessKey()).isEqualTo("lancedb-test-access-4c1d");
            assertThat(s3.secretKey()).isEqualTo("lancedb-test-secret-8e5b");
            assertThat(s3.region()).isEqualTo("us-east-1");
            assertThat(s3.uri("b", "t.lance")).isEqualTo("s3://b/t.lance");
            assertThat(s3.storageOptions())
                    .containsEntry("aws_access_key_id", "lancedb-test-access-4c1d")
                    .containsEntry("aws_secret_access_key", "lancedb-test-secret-8e5b")
                    .containsEntry("aws_region", "us-east-1")
                    .containsEntry("aws_endpoint", s3.endpoint())
                    .containsEntry("allow_http", "true")
                    .containsEntry("aws_virtual_hosted_style_request", "false");
            assertThat(s3.storageOptionsWithWrongSecret())
                    .containsEntry("aws_endpoint", s3.endpoint())
                    .doesNotContainEntry("aws_secret_access_key", "lancedb-test-secret-8e5b");
            assertThat(s3.storageOptionsWithUnreachableEndpoint())
                    .containsEntry("aws_secret_access_key", "lancedb-test-secret-8e5b")
                    .doesNotContainEntry("aws_endpoint", s3.endpoint());
        }
    }

    @Test
    void unreachableEndpointRefusesConnections() {
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            URI dead = URI.create(s3.storageOptionsWithUnreachableEndpoint().get("aws_endpoint") + "/bucket");
            assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(dead).build(),
                    HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void closeStopsTheServer() {
        S3ProxyServer s3 = S3ProxyServer.start();
        s3.close();
        assertThatThrownBy(() -> send(s3, "GET", "/", null, s3.secretKey(), null))
                .isInstanceOf(ConnectException.class);
    }

    /** Sends a path-style request signed with AWS signature V2. */
    private HttpResponse<String> send(S3ProxyServer s3, String method, String path, String body, String secret,
            String ifNoneMatch) throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        String contentType = body == null ? "" : "text/plain";
        String toSign = method + "\n\n" + contentType + "\n\n" + "x-amz-date:" + date + "\n" + path;
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));

        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(s3.endpoint() + path))
                .timeout(Duration.ofSeconds(10))
                .header("x-amz-date", date)
                .header("Authorization", "AWS " + s3.accessKey() + ":" + signature)
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
