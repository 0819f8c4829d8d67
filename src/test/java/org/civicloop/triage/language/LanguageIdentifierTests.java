package org.civicloop.triage.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageIdentifierTests {

    // one shared instance: the models load once for the class, as in the application
    static final LanguageIdentifier identifier = new LanguageIdentifier();

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "en | There is a huge pothole on my street",
                "en | streetlight out again",
                "es | Hay un bache enorme en mi calle",
                "es | la basura no se recogió esta semana",
                "zh | 我家门口的路灯坏了",
                "zh | 垃圾没有人收",
                "vi | Đèn đường trước nhà tôi bị hỏng",
                "vi | rác chưa được thu gom",
                "fr | Le lampadaire devant chez moi ne marche plus",
                "fr | les poubelles débordent",
                "pt | O poste de luz da minha rua está apagado",
                "pt | tem um buraco na rua",
                "it | C'è una buca enorme nella mia strada",
                "it | la spazzatura non è stata raccolta",
                "de | Die Straßenlaterne vor meinem Haus ist kaputt",
                "de | der Müll wurde nicht abgeholt",
                "tl | Sira ang ilaw sa kalye namin",
                "tl | walang kuryente dito sa amin",
                "ar | مصباح الشارع أمام منزلي معطل",
                "ar | لم يتم جمع القمامة",
                "ko | 우리 집 앞 가로등이 고장났어요",
                "ko | 쓰레기를 안 가져갔어요",
                "ru | Фонарь возле моего дома не работает",
                "ru | мусор не вывезли",
            })
    void shortPostsInEachConfiguredLanguage(String expected, String text) {
        var detected = identifier.identify(text);
        assertThat(detected.code()).as(text).isEqualTo(expected);
        assertThat(detected.confidence()).isGreaterThan(0).isLessThanOrEqualTo(1);
    }

    @Test
    void linksHandlesHashtagsAndNumbersAreIgnored() {
        assertThat(identifier.identify("@CityOfRiverton #pothole https://t.co/abc123 12345"))
                .isEqualTo(DetectedLanguage.UNDETERMINED);
        assertThat(identifier
                        .identify(
                                "RT @somebody: #TemblorGT fuerte temblor en la capital, todos salieron a la calle http://t.co/x")
                        .code())
                .isEqualTo("es");
        // an English hashtag does not outvote Spanish words
        assertThat(identifier
                        .identify("#StreetlightOut no hay luz en toda la cuadra")
                        .code())
                .isEqualTo("es");
    }

    @Test
    void englishAboutPhilippinePlacesIsNotTagalog() {
        // Lingua alone answers Tagalog for these; without a Tagalog function word the runner-up wins
        assertThat(identifier
                        .identify("Marikina River Water Level is still rising.")
                        .code())
                .isEqualTo("en");
        assertThat(identifier.identify("Why it floods in Metro Manila. Simple.").code())
                .isEqualTo("en");
        // Taglish with its particles stays Tagalog
        assertThat(identifier
                        .identify("baha na daw sa manila, buti di ako umuwi sa dorm")
                        .code())
                .isEqualTo("tl");
        assertThat(identifier.identify("walang kuryente dito sa amin").code()).isEqualTo("tl");
        assertThat(TagalogMarkers.present("kailangan po ng tulong")).isTrue();
        assertThat(TagalogMarkers.present("Philippines Typhoon Relief")).isFalse();
    }

    @Test
    void confidenceIsTheDistanceToTheRunnerUp() {
        var korean = identifier.identify("쓰레기를 안 가져갔어요");
        assertThat(korean.code()).isEqualTo("ko");
        assertThat(korean.confidence()).isEqualTo(1.0); // no other configured language writes Hangul
        var english = identifier.identify("The streetlight in front of my house has been out for a week");
        assertThat(english.confidence()).isGreaterThan(0).isLessThan(1);
        var tiny = identifier.identify("bomb Iraq");
        assertThat(tiny.confidence()).isLessThan(english.confidence());
    }

    @Test
    void nothingToTellIsUndetermined() {
        for (String text : List.of("", "   ", "123 456", "!!!", "ok", "👍👍", "12:30", "@a @b", "http://x.org/a/b")) {
            assertThat(identifier.identify(text)).as("'%s'", text).isEqualTo(DetectedLanguage.UNDETERMINED);
        }
        assertThat(identifier.identify(null)).isEqualTo(DetectedLanguage.UNDETERMINED);
    }

    @Test
    void languagesOutsideTheConfiguredSetAreNeverAnswered() {
        var englishSpanish = new LanguageIdentifier(List.of("en", "es"), false);
        assertThat(englishSpanish.languages()).containsExactly("en", "es");
        for (String text : List.of("Der Müll wurde nicht abgeholt", "垃圾没有人收", "Hay un bache", "the bin is full")) {
            assertThat(englishSpanish.identify(text).code()).isIn("en", "es", "und");
        }
        // Chinese script has no letters either language could own
        assertThat(englishSpanish.identify("我家门口的路灯坏了")).isEqualTo(DetectedLanguage.UNDETERMINED);
    }

    @Test
    void configurationIsChecked() {
        assertThatThrownBy(() -> new LanguageIdentifier(List.of("en"), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LanguageIdentifier(List.of("en", "xx"), false))
                .hasMessageContaining("xx");
        assertThat(new LanguageIdentifier(List.of(" EN ", "Es", ""), true).languages())
                .containsExactly("en", "es");
    }

    @Test
    void safeToShareBetweenThreadsFromTheFirstCall() throws Exception {
        var fresh = new LanguageIdentifier(List.of("en", "es", "fr", "de"), false);
        var texts = List.of(
                "the garbage was not picked up this week",
                "la basura no se recogió esta semana",
                "les poubelles débordent dans notre rue",
                "der Müll wurde nicht abgeholt");
        var expected = List.of("en", "es", "fr", "de");
        var pool = Executors.newFixedThreadPool(4);
        try {
            var tasks = new java.util.ArrayList<Callable<String>>();
            for (int i = 0; i < 40; i++) {
                String text = texts.get(i % 4);
                tasks.add(() -> fresh.identify(text).code());
            }
            var results = pool.invokeAll(tasks);
            for (int i = 0; i < results.size(); i++)
                assertThat(results.get(i).get()).isEqualTo(expected.get(i % 4));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void cleaningKeepsOnlyWords() {
        assertThat(LanguageText.clean(
                        "RT @user: Flooding on #MainSt 5th Ave https://t.co/xyz at 3:30pm, call 555-1234"))
                .isEqualTo("Flooding on Ave at , call");
        assertThat(LanguageText.clean("ask @alice@mastodon.social or mail me@example.org"))
                .isEqualTo("ask or mail");
        assertThat(LanguageText.words("RT @user: Flooding on #MainSt near 5th Ave https://t.co/xyz"))
                .isEqualTo(4);
        assertThat(LanguageText.words("我家门口的路灯坏了")).isEqualTo(9);
        assertThat(LanguageText.words("우리 집 앞 가로등이 고장났어요")).isEqualTo(5);
    }
}
