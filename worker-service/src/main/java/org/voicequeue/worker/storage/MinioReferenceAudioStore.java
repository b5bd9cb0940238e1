package org.voicequeue.worker.storage;

import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import java.io.IOException;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.voicequeue.worker.system.WorkerProperties;

/** Reference audio from any S3-compatible store (MinIO, S3Mock, AWS S3) through the MinIO client. */
@Component
class MinioReferenceAudioStore implements ReferenceAudioStore {
    private static final Set<String> MISSING = Set.of("NoSuchKey", "NoSuchBucket", "NoSuchObject");

    private final MinioClient client;
    private final String bucket;

    MinioReferenceAudioStore(WorkerProperties properties) {
        WorkerProperties.Storage storage = properties.storage();
        MinioClient.Builder builder =
                MinioClient.builder().endpoint(storage.endpoint()).region(storage.region());
        if (!storage.accessKey().isBlank()) {
            builder.credentials(storage.accessKey(), storage.secretKey());
        }
        this.client = builder.build();
        this.bucket = storage.bucket();
    }

    @Override
    public byte[] fetch(String key) throws ReferenceAudioMissingException, StorageUnavailableException {
        GetObjectArgs args = GetObjectArgs.builder().bucket(bucket).object(key).build();
        try (GetObjectResponse response = client.getObject(args)) {
            return response.readAllBytes();
        } catch (ErrorResponseException e) {
            if (MISSING.contains(e.errorResponse().code())) {
                throw new ReferenceAudioMissingException(key);
            }
            throw new StorageUnavailableException(
                    "object store refused " + key + ": " + e.errorResponse().code(), e);
        } catch (MinioException | IOException e) {
            throw new StorageUnavailableException("object store unavailable reading " + key, e);
        }
    }
}
