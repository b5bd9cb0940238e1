package org.voicequeue.api.storage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.voicequeue.api.system.VoiceQueueProperties;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean
    ReferenceAudioStore referenceAudioStore(VoiceQueueProperties properties) {
        var store = new MinioReferenceAudioStore(properties.storage());
        store.createBucketIfMissing();
        return store;
    }
}
