package org.civicloop.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code civicloop.demo.*}: the demo city of Riverton, seeded on the first start of {@code civicloop demo}.
 *
 * @param enabled whether this installation runs the demo city
 * @param messages how many resident messages the city is seeded with
 * @param days over how many past days those messages are spread
 * @param seed what makes the city the same every time it is seeded
 */
@ConfigurationProperties("civicloop.demo")
public record DemoSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("2000") int messages,
        @DefaultValue("60") int days,
        @DefaultValue("20261125") long seed) {

    public DemoSettings {
        if (messages < 0 || messages > 200_000) {
            throw new IllegalArgumentException("civicloop.demo.messages must be between 0 and 200000");
        }
        if (days < 1 || days > 3650) {
            throw new IllegalArgumentException("civicloop.demo.days must be between 1 and 3650");
        }
    }
}
