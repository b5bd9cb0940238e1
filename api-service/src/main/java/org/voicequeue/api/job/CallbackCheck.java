package org.voicequeue.api.job;

import static org.voicequeue.api.job.JobParamsParser.blankToNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.voicequeue.api.system.FieldProblem;

/**
 * Syntax of {@code callback_url} and {@code callback_events}. Only syntax: address checks (loopback, private ranges)
 * belong to webhook delivery, which resolves the host when it sends.
 */
final class CallbackCheck {
    static final Set<String> EVENTS = Set.of("started", "completed", "failed", "canceled");
    static final String DEFAULT_EVENTS = "completed,failed,canceled";
    private static final int MAX_URL_LENGTH = 2048;

    private final Set<String> plainHttpHosts;

    CallbackCheck(List<String> allowedHosts) {
        this.plainHttpHosts = allowedHosts.stream()
                .map(String::trim)
                .filter(h -> !h.isEmpty())
                .map(h -> h.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    void check(@Nullable String url, @Nullable String events, List<FieldProblem> problems) {
        String callback = blankToNull(url);
        if (callback != null) {
            checkUrl(callback, problems);
        }
        String list = blankToNull(events);
        if (list != null) {
            if (callback == null) {
                problems.add(FieldProblem.of("callback_events", "needs callback_url"));
            }
            List<String> unknown = Arrays.stream(list.split(","))
                    .map(String::trim)
                    .filter(e -> !EVENTS.contains(e))
                    .toList();
            if (!unknown.isEmpty()) {
                problems.add(FieldProblem.of(
                        "callback_events", "must be a comma list of started, completed, failed, canceled"));
            }
        }
    }

    /** The events to store: as given (normalised), or the default when a callback URL is set. */
    @Nullable
    String eventsOrDefault(@Nullable String url, @Nullable String events) {
        if (blankToNull(url) == null) {
            return null;
        }
        String list = blankToNull(events);
        return list == null
                ? DEFAULT_EVENTS
                : Arrays.stream(list.split(",")).map(String::trim).distinct().collect(Collectors.joining(","));
    }

    private void checkUrl(String url, List<FieldProblem> problems) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            problems.add(FieldProblem.of("callback_url", "is not a valid URL"));
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (url.length() > MAX_URL_LENGTH || host.isEmpty() || uri.getUserInfo() != null) {
            problems.add(FieldProblem.of("callback_url", "must be an absolute URL with a host and no credentials"));
        } else if (scheme.equals("http")) {
            if (!plainHttpHosts.contains(host) && !plainHttpHosts.contains(stripBrackets(host))) {
                problems.add(FieldProblem.of(
                        "callback_url", "must use https (http only for hosts in VOICEQUEUE_WEBHOOK_ALLOWED_HOSTS)"));
            }
        } else if (!scheme.equals("https")) {
            problems.add(FieldProblem.of("callback_url", "must use https"));
        }
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
