package org.civicloop.channels.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The identifier checks against the atproto interop syntax files: every valid line accepted, every invalid one rejected. */
class BlueskyAtprotoSyntaxTests {

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("did", (Predicate<String>) AtprotoSyntax::isDid, 24, 18),
                Arguments.of("handle", (Predicate<String>) AtprotoSyntax::isHandle, 71, 48),
                Arguments.of("nsid", (Predicate<String>) AtprotoSyntax::isNsid, 25, 27),
                Arguments.of("recordkey", (Predicate<String>) AtprotoSyntax::isRecordKey, 16, 11),
                Arguments.of("tid", (Predicate<String>) AtprotoSyntax::isTid, 6, 7),
                Arguments.of("aturi", (Predicate<String>) AtprotoSyntax::isAtUri, 23, 72),
                Arguments.of("datetime", (Predicate<String>) AtprotoSyntax::isDatetime, 33, 52));
    }

    static List<String> lines(String name) throws IOException {
        var file = SharedData.path("protocol/atproto_lexicons/interop-test-files/syntax/" + name + ".txt");
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void validAcceptedInvalidRejected(String kind, Predicate<String> check, int validCount, int invalidCount)
            throws IOException {
        var valid = lines(kind + "_syntax_valid");
        var invalid = new java.util.ArrayList<>(lines(kind + "_syntax_invalid"));
        if (kind.equals("datetime")) invalid.addAll(lines("datetime_parse_invalid"));
        assertThat(valid).hasSize(validCount);
        assertThat(invalid).hasSize(invalidCount);
        assertThat(valid)
                .filteredOn(check.negate())
                .as("valid %s rejected", kind)
                .isEmpty();
        assertThat(invalid).filteredOn(check).as("invalid %s accepted", kind).isEmpty();
    }
}
