package org.voicequeue.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.voicequeue.api.system.RequestValidationException;

class CallbackUrlPolicyTests {
    /** Names resolve from this table, never from DNS; IP literals parse as themselves. */
    private static final Map<String, List<String>> NAMES = Map.of(
            "localhost", List.of("127.0.0.1", "::1"),
            "public.example", List.of("93.184.215.14"),
            "rebinding.example", List.of("10.0.0.5"),
            "mixed.example", List.of("93.184.215.14", "192.168.1.20"),
            "metadata.example", List.of("169.254.169.254"),
            "v6.example", List.of("2606:4700::6810:84e5"));

    private static final HostResolver FAKE_DNS = host -> {
        List<String> addresses = NAMES.get(host);
        if (addresses == null) {
            if (host.chars().allMatch(c -> Character.isDigit(c) || c == '.') || host.contains(":")) {
                return List.of(InetAddress.getAllByName(host)); // a literal: no lookup
            }
            throw new UnknownHostException(host);
        }
        List<InetAddress> resolved = new ArrayList<>();
        for (String a : addresses) {
            resolved.add(InetAddress.getByAddress(host, InetAddress.getByName(a).getAddress()));
        }
        return resolved;
    };

    private final CallbackUrlPolicy policy = new CallbackUrlPolicy(List.of(), FAKE_DNS);

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            http://127.0.0.1/hook                      | loopback address (127.0.0.1)
            https://127.0.0.1:8443/hook                | loopback
            http://[::1]/hook                          | loopback
            https://localhost/hook                     | loopback
            https://LOCALHOST./hook                    | loopback
            http://169.254.169.254/latest/meta-data/   | link-local (cloud metadata)
            https://metadata.example/                  | link-local (cloud metadata)
            https://[fd00:ec2::254]/latest/            | cloud metadata
            https://169.254.10.1/                      | link-local
            https://[fe80::1]/                         | link-local
            http://10.0.0.1/                           | private
            https://172.16.5.4/                        | private
            https://192.168.1.1/                       | private
            https://rebinding.example/hook             | private address (10.0.0.5)
            https://mixed.example/hook                 | private address (192.168.1.20)
            https://[fc00::1]/                         | unique-local (private)
            https://[fd12:3456::1]/                    | unique-local (private)
            https://0.0.0.0/                           | unspecified
            https://[::]/                              | unspecified
            https://224.0.0.251/                       | multicast
            https://[ff02::1]/                         | multicast
            https://100.64.0.1/                        | carrier-grade NAT
            https://100.127.255.254/                   | carrier-grade NAT
            https://255.255.255.255/                   | reserved
            https://[::ffff:127.0.0.1]/                | loopback
            https://[::ffff:a9fe:a9fe]/                | cloud metadata
            https://[64:ff9b::a00:1]/                  | NAT64 private
            https://[2002:c0a8:0101::1]/               | 6to4 private
            file:///etc/passwd                         | scheme 'file' is not allowed
            ftp://public.example/file                  | scheme 'ftp' is not allowed
            gopher://public.example:70/_INFO           | scheme 'gopher' is not allowed
            jar:https://public.example/a.jar!/x        | scheme 'jar' is not allowed
            http://public.example/hook                 | must use https; http is allowed only for hosts listed
            https://user:secret@public.example/hook    | must not contain user information
            https://@public.example/hook               | must not contain user information
            /relative/hook                             | absolute
            https:///no-host                           | must name a host
            https://unknown.invalid/                   | does not resolve
            https://exa mple.com/                      | not a valid URL
            """)
    void forbiddenCallbackUrlsAreRefusedOnTheCallbackUrlFieldWithTheirReason(String url, String reason) {
        assertThatThrownBy(() -> policy.check(url))
                .isInstanceOfSatisfying(
                        RequestValidationException.class,
                        e -> assertThat(e.problems()).singleElement().satisfies(problem -> {
                            assertThat(problem.field()).isEqualTo("callback_url");
                            assertThat(problem.message()).contains(reason);
                        }));
    }

    @ParameterizedTest(name = "{0} is accepted")
    @CsvSource(textBlock = """
            https://public.example/hook
            https://public.example:8443/hooks/voicequeue?token=abc
            https://93.184.215.14/hook
            https://v6.example/hook
            https://[2606:4700::6810:84e5]/hook
            """)
    void publicHttpsCallbackUrlsAreAccepted(String url) {
        assertThatCode(() -> policy.check(url)).doesNotThrowAnyException();
    }

    @Test
    void allowListedHostsMayUseHttpAndResolveToLoopbackOrPrivateAddresses() throws Exception {
        CallbackUrlPolicy allowing = new CallbackUrlPolicy(
                List.of(" localhost ", "10.0.0.1", "0:0:0:0:0:0:0:1", "rebinding.example"), FAKE_DNS);

        assertThat(allowing.addressesToCall("http://localhost:8080/hook"))
                .extracting(InetAddress::getHostAddress)
                .contains("127.0.0.1");
        assertThatCode(() -> allowing.check("http://LocalHost/hook")).doesNotThrowAnyException();
        assertThatCode(() -> allowing.check("http://10.0.0.1/hook")).doesNotThrowAnyException();
        assertThatCode(() -> allowing.check("http://[::1]:9000/hook")).doesNotThrowAnyException();
        assertThatCode(() -> allowing.check("https://rebinding.example/hook")).doesNotThrowAnyException();
    }

    @Test
    void theAllowListDoesNotExtendToOtherNamesOfTheSameAddressOrToOtherSchemes() {
        CallbackUrlPolicy allowing = new CallbackUrlPolicy(List.of("localhost"), FAKE_DNS);

        assertThatThrownBy(() -> allowing.check("http://127.0.0.1/hook")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> allowing.check("file://localhost/etc/passwd")).hasMessageContaining("'file'");
        assertThatThrownBy(() -> allowing.check("http://user@localhost/")).hasMessageContaining("user information");
    }

    @Test
    void atDeliveryTheCheckedAddressesAreReturnedAndARebindIsRefused() throws Exception {
        Map<String, String> dns = new java.util.HashMap<>(Map.of("flip.example", "93.184.215.14"));
        CallbackUrlPolicy delivery = new CallbackUrlPolicy(
                List.of(),
                host -> List.of(InetAddress.getByAddress(
                        host, InetAddress.getByName(dns.get(host)).getAddress())));

        assertThat(delivery.addressesToCall("https://flip.example/hook"))
                .extracting(InetAddress::getHostAddress)
                .containsExactly("93.184.215.14");

        dns.put("flip.example", "127.0.0.1"); // the name now points inside
        assertThatThrownBy(() -> delivery.addressesToCall("https://flip.example/hook"))
                .isInstanceOf(CallbackRefusedException.class)
                .hasMessageContaining("loopback");
    }

    @Test
    void aVeryLongUrlIsRefused() {
        String url = "https://public.example/" + "a".repeat(CallbackUrlPolicy.MAX_LENGTH);
        assertThatThrownBy(() -> policy.check(url)).hasMessageContaining("longer than");
    }
}
