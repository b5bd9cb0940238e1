package org.voicequeue.api.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which IP addresses a callback must not reach: anything that is not a public unicast address. IPv6 forms that embed
 * an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by the embedded address.
 */
final class AddressRules {
    private static final byte[] METADATA_V6 = parse("fd00:ec2::254");

    private AddressRules() {}

    /** Why the address is refused (e.g. {@code loopback}), or empty when it is a public address. */
    static Optional<String> forbiddenKind(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return ipv4(b);
        }
        if (address instanceof Inet6Address) {
            return ipv6(b);
        }
        return Optional.of("unknown address family");
    }

    private static Optional<String> ipv4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        if (a0 == 169 && a1 == 254 && (b[2] & 0xff) == 169 && (b[3] & 0xff) == 254) {
            return Optional.of("link-local (cloud metadata)");
        }
        if (a0 == 0) {
            return Optional.of("unspecified");
        }
        if (a0 == 127) {
            return Optional.of("loopback");
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return Optional.of("private");
        }
        if (a0 == 169 && a1 == 254) {
            return Optional.of("link-local");
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return Optional.of("carrier-grade NAT");
        }
        if (a0 >= 224 && a0 <= 239) {
            return Optional.of("multicast");
        }
        if (a0 >= 240 || (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) || (a0 == 198 && (a1 & 0xfe) == 18)) {
            return Optional.of("reserved");
        }
        return Optional.empty();
    }

    private static Optional<String> ipv6(byte[] b) {
        if (Arrays.equals(b, METADATA_V6)) {
            return Optional.of("unique-local (cloud metadata)");
        }
        if (isZero(b, 0, 16)) {
            return Optional.of("unspecified");
        }
        if (isZero(b, 0, 15) && b[15] == 1) {
            return Optional.of("loopback");
        }
        if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return embedded(b, 12, "IPv4-mapped ");
        }
        if (isZero(b, 0, 12)) {
            return embedded(b, 12, "IPv4-compatible ");
        }
        if ((b[0] & 0xff) == 0x00
                && (b[1] & 0xff) == 0x64
                && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b
                && isZero(b, 4, 12)) {
            return embedded(b, 12, "NAT64 ");
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return embedded(b, 2, "6to4 ");
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return Optional.of("unique-local (private)");
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
            return Optional.of("link-local");
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return Optional.of("site-local (private)");
        }
        if ((b[0] & 0xff) == 0xff) {
            return Optional.of("multicast");
        }
        return Optional.empty();
    }

    private static Optional<String> embedded(byte[] b, int from, String label) {
        return ipv4(Arrays.copyOfRange(b, from, from + 4)).map(kind -> label + kind);
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] parse(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress(); // a literal: no lookup
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
