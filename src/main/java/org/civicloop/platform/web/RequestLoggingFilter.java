package org.civicloop.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One log line per request: method, path, status and duration. No query string, no body, no
 * client address, no user name, and references in paths masked: nothing that identifies a
 * resident.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestLoggingFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger("civicloop.requests");
    private static final Pattern IDENTIFIER = Pattern.compile(
            "/([0-9a-fA-F]{8}-[0-9a-fA-F-]{27}|M-[A-Z0-9]{4}-[A-Z0-9]{4}|[A-Z]{1,6}-\\d{2}-\\d{3,})(?=/|$)");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (log.isInfoEnabled()) {
                log.info(
                        "{} {} {} {}ms",
                        request.getMethod(),
                        maskedPath(request.getRequestURI()),
                        response.getStatus(),
                        (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    static String maskedPath(String uri) {
        if (uri == null) return "";
        String path = uri.length() > 200 ? uri.substring(0, 200) + "…" : uri;
        return IDENTIFIER.matcher(path).replaceAll("/{id}");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri.startsWith("/uswds/")
                || uri.startsWith("/webjars/")
                || uri.startsWith("/css/")
                || uri.startsWith("/js/");
    }
}
