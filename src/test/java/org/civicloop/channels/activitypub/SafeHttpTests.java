package org.civicloop.channels.activitypub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard of every fetch and delivery: only public addresses, unless private ones are allowed. */
class SafeHttpTests {

    final SafeHttp strict = new SafeHttp(false, Duration.ofSeconds(2), Duration.ofSeconds(2), 1024);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.1.2.3",
                "10.1.2.3",
                "172.16.5.4",
                "192.168.1.1",
                "169.254.169.254",
                "0.0.0.0",
                "100.64.1.1",
                "224.0.0.1",
                "255.255.255.255",
                "::1",
                "::",
                "fc00::1",
                "fd12:3456::1",
                "fe80::1",
                "::ffff:127.0.0.1",
                "::ffff:10.0.0.1",
                "ff02::1"
            })
    void privateLoopbackLinkLocalAndMulticastAddressesAreNotPublic(String literal) throws Exception {
        assertThat(SafeHttp.isPublic(InetAddress.getByName(literal))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"})
    void publicAddressesArePublic(String literal) throws Exception {
        assertThat(SafeHttp.isPublic(InetAddress.getByName(literal))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1/users/a#main-key",
                "https://10.0.0.7/actor",
                "http://169.254.169.254/latest/meta-data/",
                "http://[::1]:8080/users/a",
                "https://[fc00::1]/users/a",
                "http://localhost:8080/users/a",
                "ftp://example.com/key",
                "file:///etc/passwd",
                "http://user:pw@93.184.216.34/"
            })
    void aKeyIdOnAPrivateAddressOrWithAnotherSchemeIsRefused(String url) {
        assertThatThrownBy(() -> strict.check(URI.create(url))).isInstanceOf(SafeHttp.RefusedException.class);
    }

    @Test
    void aPublicAddressPassesTheCheck() {
        assertThatCode(() -> strict.check(URI.create("https://93.184.216.34/users/ana")))
                .doesNotThrowAnyException();
    }

    @Test
    void fetchingFromLoopbackIsRefusedBeforeAnyConnectionUnlessAllowed() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        int[] calls = {0};
        server.createContext("/", exchange -> {
            calls[0]++;
            byte[] body = exchange.getRequestURI().getPath().equals("/big") ? new byte[4096] : "{}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/users/a");
            assertThatThrownBy(() -> strict.get(uri, "application/activity+json", null))
                    .isInstanceOf(SafeHttp.RefusedException.class);
            assertThat(calls[0]).isZero();

            var lenient = new SafeHttp(true, Duration.ofSeconds(2), Duration.ofSeconds(2), 1024);
            assertThat(lenient.get(uri, "application/activity+json", null).status())
                    .isEqualTo(200);
            // larger than the limit: refused, not read to the end
            assertThatThrownBy(() -> lenient.get(uri.resolve("/big"), "application/json", null))
                    .isInstanceOf(SafeHttp.RefusedException.class)
                    .hasMessageContaining("1024");
        } finally {
            server.stop(0);
        }
    }
}
