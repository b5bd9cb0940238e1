package org.voicequeue.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The served OpenAPI document is the contract of what is implemented: every endpoint with its problem answers. */
class OpenApiIT extends ApiIntegrationSupport {

    @Test
    void theApiDocumentIsOpenApi31AndListsEveryEndpointWithItsProblems() {
        JsonNode doc =
                JSON.readTree(client().get().uri("/v3/api-docs").retrieve().body(String.class));

        assertThat(doc.path("openapi").asString()).startsWith("3.1");
        JsonNode paths = doc.path("paths");
        assertThat(responses(paths, "/v1/jobs", "post")).contains("202", "400", "401", "409", "413", "415", "503");
        assertThat(responses(paths, "/v1/jobs", "get")).contains("200", "400", "401", "503");
        assertThat(responses(paths, "/v1/jobs/{id}", "get")).contains("200", "404");
        assertThat(responses(paths, "/v1/jobs/{id}", "delete")).contains("202", "404", "409");
        assertThat(responses(paths, "/v1/jobs/{id}/audio", "get")).contains("200", "404", "409", "410");
        assertThat(responses(paths, "/v1/models", "get")).contains("200", "401", "503");
        assertThat(paths.path("/v1/jobs/{id}")
                        .path("get")
                        .path("responses")
                        .path("404")
                        .path("content")
                        .has("application/problem+json"))
                .isTrue();
        assertThat(paths.has("/error")).isFalse();
    }

    @Test
    void swaggerUiAndHealthAndPrometheusAreServed() {
        Integer swagger = client().get()
                .uri("/swagger-ui.html")
                .exchange((req, res) -> res.getStatusCode().value());
        assertThat(swagger).isIn(200, 302);
        assertThat(client().get().uri("/actuator/health/readiness").retrieve().body(String.class))
                .contains("\"redis\"", "\"kafka\"", "\"storage\"");
        assertThat(client().get().uri("/actuator/prometheus").retrieve().body(String.class))
                .contains("jvm_memory_used_bytes");
    }

    private static java.util.List<String> responses(JsonNode paths, String path, String method) {
        JsonNode responses = paths.path(path).path(method).path("responses");
        assertThat(responses.isMissingNode()).as(method + " " + path).isFalse();
        return responses.propertyNames().stream().toList();
    }
}
