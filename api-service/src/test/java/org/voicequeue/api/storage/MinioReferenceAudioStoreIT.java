package org.voicequeue.api.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.voicequeue.api.system.VoiceQueueProperties;
import org.voicequeue.testsupport.TestInfrastructure;

/** The store on the real S3 server: uploads (with the CRC32 checksum the store asks for) arrive intact. */
class MinioReferenceAudioStoreIT {
    private static final String BUCKET =
            "voicequeue-it-store-" + UUID.randomUUID().toString().substring(0, 8);

    private final TestInfrastructure servers = TestInfrastructure.get();
    private final MinioReferenceAudioStore store = new MinioReferenceAudioStore(new VoiceQueueProperties.Storage(
            servers.s3Endpoint(), servers.s3AccessKey(), servers.s3SecretKey(), BUCKET, Duration.ofSeconds(5)));
    private final MinioClient client = MinioClient.builder()
            .endpoint(servers.s3Endpoint())
            .credentials(servers.s3AccessKey(), servers.s3SecretKey())
            .build();

    @Test
    void aStoredClipIsTheUploadedBytesUnderItsContentHash() throws Exception {
        byte[] clip = bytes("first clip", 480_000);

        String key = store.store(clip, sha256(clip));

        assertThat(key).isEqualTo(ReferenceAudioStore.keyFor(sha256(clip)));
        assertThat(read(key)).isEqualTo(clip);
    }

    @Test
    void theSameClipAgainKeepsItsObjectAndADifferentClipIsStoredBesideIt() throws Exception {
        byte[] first = bytes("same clip", 300_000);
        byte[] other = bytes("other clip", 300_000);
        String firstKey = store.store(first, sha256(first));

        String again = store.store(first, sha256(first));
        String otherKey = store.store(other, sha256(other));

        assertThat(again).isEqualTo(firstKey);
        assertThat(otherKey).isNotEqualTo(firstKey);
        assertThat(read(firstKey)).isEqualTo(first);
        assertThat(read(otherKey)).isEqualTo(other);
    }

    private byte[] read(String key) throws Exception {
        try (GetObjectResponse object = client.getObject(
                GetObjectArgs.builder().bucket(BUCKET).object(key).build())) {
            return object.readAllBytes();
        }
    }

    /** Not audio: the store does not look inside; a seed text makes each test's bytes its own. */
    private static byte[] bytes(String seed, int size) {
        byte[] b = new byte[size];
        byte[] s = (seed + " " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (s[i % s.length] + i / s.length);
        }
        return b;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
