package org.civicloop.cases;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code civicloop.cases.*}: how case references look. */
@ConfigurationProperties("civicloop.cases")
public record CasesSettings(@DefaultValue("CL") String referencePrefix) {}
