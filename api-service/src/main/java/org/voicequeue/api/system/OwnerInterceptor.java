package org.voicequeue.api.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Resolves the owner of every {@code /v1} request from its bearer key (or {@code anonymous} in open mode) and puts it
 * in the request attribute {@link #OWNER}. Runs inside MVC so a refusal is answered by {@link ProblemAdvice}.
 */
public final class OwnerInterceptor implements HandlerInterceptor {
    /** Request attribute holding the owner name. */
    public static final String OWNER = "voicequeue.owner";

    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;

    OwnerInterceptor(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (keys.isOpen()) {
            request.setAttribute(OWNER, ApiKeys.ANONYMOUS);
            return true;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new UnauthorizedException("An API key is required: Authorization: Bearer <key>.");
        }
        String owner = keys.ownerOf(authorization.substring(BEARER.length()).trim())
                .orElseThrow(() -> new UnauthorizedException("The API key is not valid."));
        request.setAttribute(OWNER, owner);
        return true;
    }
}
