package org.civicloop.triage.location;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code civicloop.triage.gazetteer.*}: where the city's gazetteer is.
 *
 * @param location a folder ({@code /srv/city/gazetteer}, {@code file:...}) or a class-path folder
 *     ({@code classpath:demo/gazetteer/}) holding the gazetteer files; empty: {@code <data>/gazetteer}
 *     when it exists (the demo city uses its own), else no gazetteer — only coordinates sent with
 *     messages locate them
 */
@ConfigurationProperties("civicloop.triage.gazetteer")
public record GazetteerSettings(String location) {}
