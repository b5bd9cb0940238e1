package org.voicequeue.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the services need from the S3 server, with the client they use (MinIO Java 9.0.4). It is also the measurement
 * behind the choice of server in scripts/README.md: S3Mock passes the data calls but accepts any signature.
 */
class S3ServerCompatibilityIT {

    private static final String BUCKET = "vq-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final TestInfrastructure INFRA = TestInfrastructure.get();
    private static final MinioClient CLIENT = MinioClient.builder()
            .endpoint(INFRA.s3Endpoint())
            .credentials(INFRA.s3AccessKey(), INFRA.s3SecretKey())
            .build();

    @BeforeAll
    static void createBucket() throws Exception {
        if (!CLIENT.bucketExists(BucketExistsArgs.builder().bucket(BUCKET).build())) {
            CLIENT.makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build());
        }
    }

    @Test
    void storedObjectCanBeStatedReadAndDeleted() throws Exception {
        byte[] data = "RIFF....WAVEfmt reference audio".getBytes();
        CLIENT.putObject(PutObjectArgs.builder().bucket(BUCKET).object("small.wav").contentType("audio/wav").stream(
                        new ByteArrayInputStream(data), (long) data.length, -1L)
                .build());

        assertThat(CLIENT.statObject(StatObjectArgs.builder()
                                .bucket(BUCKET)
                                .object("small.wav")
                                .build())
                        .size())
                .isEqualTo(data.length);
        try (InputStream in = CLIENT.getObject(
                GetObjectArgs.builder().bucket(BUCKET).object("small.wav").build())) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        CLIENT.removeObject(
                RemoveObjectArgs.builder().bucket(BUCKET).object("small.wav").build());
        assertThatThrownBy(() -> CLIENT.statObject(StatObjectArgs.builder()
                        .bucket(BUCKET)
                        .object("small.wav")
                        .build()))
                .isInstanceOfSatisfying(
                        ErrorResponseException.class,
                        ex -> assertThat(ex.errorResponse().code()).isEqualTo("NoSuchKey"));
    }

    @Test
    void twentyMebibyteMultipartUploadReadsBackIdentical() throws Exception {
        byte[] data = new byte[20 * 1024 * 1024];
        new Random(42).nextBytes(data);
        var written = CLIENT.putObject(PutObjectArgs.builder().bucket(BUCKET).object("big.bin").stream(
                        new ByteArrayInputStream(data), (long) data.length, 5L * 1024 * 1024)
                .build());

        assertThat(written.etag().replace("\"", ""))
                .as("multipart ETag ends in -<parts>")
                .endsWith("-4");
        try (InputStream in = CLIENT.getObject(
                GetObjectArgs.builder().bucket(BUCKET).object("big.bin").build())) {
            assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(data));
        }
    }

    @Test
    void presignedGetServesTheObjectAndATamperedSignatureIsRefused() throws Exception {
        byte[] data = "presigned".getBytes();
        CLIENT.putObject(PutObjectArgs.builder().bucket(BUCKET).object("p.txt").stream(
                        new ByteArrayInputStream(data), (long) data.length, -1L)
                .build());
        String url = CLIENT.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                .method(Http.Method.GET)
                .bucket(BUCKET)
                .object("p.txt")
                .expiry(60)
                .build());
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<byte[]> ok =
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo(data);

        String tampered =
                url.replaceFirst("X-Amz-Signature=.", "X-Amz-Signature=" + (url.contains("Signature=0") ? "1" : "0"));
        HttpResponse<String> refused =
                http.send(HttpRequest.newBuilder(URI.create(tampered)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void requestSignedWithAWrongSecretIsRejected() {
        MinioClient wrong = MinioClient.builder()
                .endpoint(INFRA.s3Endpoint())
                .credentials(INFRA.s3AccessKey(), "not-the-secret-" + UUID.randomUUID())
                .build();

        assertThatThrownBy(() -> wrong.bucketExists(
                        BucketExistsArgs.builder().bucket(BUCKET).build()))
                .isInstanceOf(ErrorResponseException.class);
        assertThatThrownBy(() -> wrong.putObject(PutObjectArgs.builder().bucket(BUCKET).object("intruder.txt").stream(
                                new ByteArrayInputStream(new byte[] {1}), 1L, -1L)
                        .build()))
                .isInstanceOfSatisfying(
                        ErrorResponseException.class,
                        ex -> assertThat(ex.errorResponse().code()).isIn("SignatureDoesNotMatch", "AccessDenied"));
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
