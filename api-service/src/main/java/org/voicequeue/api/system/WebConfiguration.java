package org.voicequeue.api.system;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers the properties here too, so web slice tests (which skip scanning) have them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VoiceQueueProperties.class)
class WebConfiguration implements WebMvcConfigurer {
    private final OwnerInterceptor owners;

    WebConfiguration(VoiceQueueProperties properties) {
        this.owners = new OwnerInterceptor(ApiKeys.parse(properties.apiKeys()));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(owners).addPathPatterns("/v1/**");
    }
}
