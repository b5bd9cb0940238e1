package org.voicequeue.api.model;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.voicequeue.api.system.ProblemResponses;

@RestController
@RequestMapping("/v1/models")
@Tag(name = "Models")
class ModelController {
    private final ModelCatalog catalog;

    ModelController(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @Operation(summary = "List the models: enabled in configuration, available when a live worker has them")
    @ApiResponse(
            responseCode = "200",
            description = "the models",
            content = @Content(array = @ArraySchema(schema = @Schema(implementation = ModelResource.class))))
    @ProblemResponses.Common
    List<ModelResource> list() {
        return catalog.list();
    }
}
