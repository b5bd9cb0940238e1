package org.voicequeue.api.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI voiceQueueOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("VoiceQueue API")
                        .version("v1")
                        .description("Asynchronous zero-shot text-to-speech (F5-TTS / E2-TTS) as a job queue. "
                                + "Errors are application/problem+json (RFC 9457) with a stable code."))
                .components(new Components()
                        .addSecuritySchemes(
                                "apiKey",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("Required when VOICEQUEUE_API_KEYS is set")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
