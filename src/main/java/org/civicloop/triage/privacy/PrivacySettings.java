package org.civicloop.triage.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code civicloop.triage.*} settings of personal-data redaction.
 *
 * @param phoneRegion the city's ISO 3166-1 region: phone numbers written without a country code
 *     are read as numbers of this region ({@code US}: "(401) 846-1234")
 */
@ConfigurationProperties("civicloop.triage")
public record PrivacySettings(@DefaultValue("US") String phoneRegion) {}
