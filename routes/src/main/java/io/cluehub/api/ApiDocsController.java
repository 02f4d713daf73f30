package io.cluehub.api;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The OpenAPI 3.1 description of the REST API, written by hand in {@code openapi/clue-hub.yaml} (springdoc would bring
 * a second Jackson line): {@code GET /v3/api-docs} as JSON, {@code GET /v3/api-docs.yaml} as written. Open, like any
 * published API description; {@code OpenApiDocumentTest} checks it against the running application.
 */
@RestController
public class ApiDocsController {

    static final String RESOURCE = "/openapi/clue-hub.yaml";

    private final byte[] yaml;
    private final JsonNode document;

    public ApiDocsController() throws IOException {
        try (InputStream in = ApiDocsController.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE);
            }
            this.yaml = in.readAllBytes();
        }
        this.document = YAMLMapper.builder().build().readTree(yaml);
    }

    @GetMapping(path = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    public JsonNode json() {
        return document;
    }

    @GetMapping(path = "/v3/api-docs.yaml", produces = "application/yaml")
    public ResponseEntity<byte[]> yaml() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml")).body(yaml);
    }
}
