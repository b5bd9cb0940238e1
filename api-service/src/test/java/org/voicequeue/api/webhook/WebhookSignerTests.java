package org.voicequeue.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSignerTests {
    // The example published with the Standard Webhooks reference libraries (secret, id, timestamp, body, signature).
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330L;
    private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static final String OTHER_SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void signatureMatchesTheStandardWebhooksReferenceVector() {
        WebhookSigner signer = new WebhookSigner(WebhookSecrets.parse(SPEC_SECRET));

        assertThat(signer.signatureHeader(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)).isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void aChangedBodyIdOrTimestampChangesTheSignature() {
        WebhookSigner signer = new WebhookSigner(WebhookSecrets.parse(SPEC_SECRET));

        assertThat(signer.signatureHeader(SPEC_ID, SPEC_TIMESTAMP, "{\"test\":2432232314}".getBytes()))
                .isNotEqualTo(SPEC_SIGNATURE);
        assertThat(signer.signatureHeader(SPEC_ID + "x", SPEC_TIMESTAMP, SPEC_BODY))
                .isNotEqualTo(SPEC_SIGNATURE);
        assertThat(signer.signatureHeader(SPEC_ID, SPEC_TIMESTAMP + 1, SPEC_BODY))
                .isNotEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void duringRotationBothKeysSignTheFirstOneFirstSpaceSeparated() {
        WebhookSigner signer = new WebhookSigner(WebhookSecrets.parse(SPEC_SECRET + ", " + OTHER_SECRET));

        String header = signer.signatureHeader(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY);

        String[] signatures = header.split(" ");
        assertThat(signatures).hasSize(2);
        assertThat(signatures[0]).isEqualTo(SPEC_SIGNATURE);
        assertThat(signatures[1]).startsWith("v1,").isNotEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void aMalformedSecretIsRefusedWithoutEchoingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WebhookSecrets.parse("sk_live_secretvalue"))
                .withMessageContaining("whsec_")
                .withMessageNotContaining("secretvalue");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WebhookSecrets.parse("whsec_%%%notbase64"))
                .withMessageNotContaining("notbase64");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WebhookSecrets.parse("whsec_c2hvcnQ="))
                .withMessageContaining("24-64 bytes");
    }

    @Test
    void theSecretsNeverAppearInToString() {
        assertThat(WebhookSecrets.parse(SPEC_SECRET).toString()).doesNotContain("MfKQ9r8G");
        assertThat(new WebhookProperties(
                                SPEC_SECRET,
                                java.util.List.of(),
                                java.time.Duration.ofHours(24),
                                java.time.Duration.ofSeconds(5),
                                java.time.Duration.ofHours(1),
                                java.time.Duration.ofSeconds(10),
                                org.springframework.util.unit.DataSize.ofKilobytes(4),
                                java.time.Duration.ofMillis(500),
                                4,
                                java.time.Duration.ofSeconds(60),
                                java.time.Duration.ofDays(7),
                                "g",
                                true)
                        .toString())
                .doesNotContain("MfKQ9r8G");
    }

    @Test
    void anIdWithADotIsRefusedBecauseTheSignedContentIsDotDelimited() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WebhookSigner.sign(new byte[32], "msg_a.b", SPEC_TIMESTAMP, SPEC_BODY));
        assertThat(Delivery.webhookIdFor("evt.1")).isEqualTo("msg_evt_1");
    }
}
