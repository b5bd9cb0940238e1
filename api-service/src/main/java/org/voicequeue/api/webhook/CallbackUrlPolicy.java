package org.voicequeue.api.webhook;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.voicequeue.api.system.RequestValidationException;
import org.voicequeue.model.job.ErrorCodes;

/**
 * The SSRF guard for callback URLs. Applied twice: at submission ({@link #check(String)}, a 400 on field
 * {@code callback_url}) and before every delivery attempt ({@link #addressesToCall(String)}), because a name may
 * resolve elsewhere by then (DNS rebinding). The delivery connects only to the addresses returned here.
 *
 * <p>Refused: schemes other than http(s); http unless the host is allow-listed; user information; hosts that resolve
 * (any of their addresses) to loopback, private, link-local, metadata, unspecified, multicast, CGNAT or reserved
 * addresses, unless the host is allow-listed ({@code VOICEQUEUE_WEBHOOK_ALLOWED_HOSTS}, matched on the host as
 * written in the URL, case-insensitively).
 */
public final class CallbackUrlPolicy {
    static final String FIELD = "callback_url";
    static final int MAX_LENGTH = 2048;
    private static final String ALLOW_HINT = " unless the host is listed in VOICEQUEUE_WEBHOOK_ALLOWED_HOSTS";

    private final Set<String> allowedHosts;
    private final HostResolver resolver;

    CallbackUrlPolicy(List<String> allowedHosts, HostResolver resolver) {
        this.allowedHosts =
                allowedHosts.stream().map(CallbackUrlPolicy::normalizeHost).collect(Collectors.toSet());
        this.resolver = resolver;
    }

    /**
     * Validates a callback URL at submission (resolves its host once).
     *
     * @throws RequestValidationException on field {@code callback_url} with the reason
     */
    public void check(String url) {
        try {
            addressesToCall(url);
        } catch (CallbackRefusedException e) {
            throw RequestValidationException.of(FIELD, e.getMessage(), ErrorCodes.VALIDATION_FAILED);
        }
    }

    /**
     * The reason a callback URL is refused, for callers that collect field problems; empty when it is acceptable.
     */
    public Optional<String> findRefusal(String url) {
        try {
            addressesToCall(url);
            return Optional.empty();
        } catch (CallbackRefusedException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The checked addresses a delivery may connect to: every address the host resolves to now. */
    List<InetAddress> addressesToCall(String url) throws CallbackRefusedException {
        URI uri = parse(url);
        String host = normalizeHost(uri.getHost());
        boolean allowListed = allowedHosts.contains(host);
        List<InetAddress> addresses = resolve(host);
        if (allowListed) {
            return addresses;
        }
        // the address is checked before the scheme so that http://127.0.0.1 is refused for the more telling reason
        for (InetAddress address : addresses) {
            Optional<String> kind = AddressRules.forbiddenKind(address);
            if (kind.isPresent()) {
                throw new CallbackRefusedException("callback_url host " + host + " resolves to a " + kind.get()
                        + " address (" + address.getHostAddress() + "), which is not allowed" + ALLOW_HINT + ".");
            }
        }
        if (uri.getScheme().equalsIgnoreCase("http")) {
            throw new CallbackRefusedException("callback_url must use https; http is allowed only for hosts listed in "
                    + "VOICEQUEUE_WEBHOOK_ALLOWED_HOSTS.");
        }
        return addresses;
    }

    private static URI parse(String url) throws CallbackRefusedException {
        if (url.length() > MAX_LENGTH) {
            throw new CallbackRefusedException("callback_url is longer than " + MAX_LENGTH + " characters.");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new CallbackRefusedException("callback_url is not a valid URL.");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !uri.isAbsolute()) {
            throw new CallbackRefusedException("callback_url must be an absolute https URL.");
        }
        String lower = scheme.toLowerCase(Locale.ROOT);
        if (!lower.equals("https") && !lower.equals("http")) {
            throw new CallbackRefusedException(
                    "callback_url must use https; the scheme '" + lower + "' is not allowed.");
        }
        if (uri.getRawUserInfo() != null
                || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw new CallbackRefusedException("callback_url must not contain user information (user:password@).");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new CallbackRefusedException("callback_url must name a host.");
        }
        return uri;
    }

    private List<InetAddress> resolve(String host) throws CallbackRefusedException {
        try {
            List<InetAddress> addresses = resolver.resolve(host);
            if (addresses.isEmpty()) {
                throw new UnknownHostException(host);
            }
            return addresses;
        } catch (UnknownHostException e) {
            throw new CallbackRefusedException("callback_url host " + host + " does not resolve.");
        }
    }

    /** Lower case, without IPv6 brackets, ASCII form of an internationalised name, no trailing dot. */
    static String normalizeHost(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.indexOf(':') >= 0) { // an IPv6 literal: one spelling for ::1 and 0:0:0:0:0:0:0:1
            try {
                return InetAddress.getByName(h).getHostAddress(); // a literal is parsed, not looked up
            } catch (UnknownHostException e) {
                return h;
            }
        }
        try {
            return IDN.toASCII(h);
        } catch (IllegalArgumentException e) {
            return h;
        }
    }
}
