/**
 * Triage: what CivicLoop understands of each message — language, personal data, kind, service,
 * sentiment, location, urgency, duplicates, abuse — computed in-process, offline, by named stages,
 * each a component with its own tests. {@code eval} measures each stage on labelled files.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Triage")
package org.civicloop.triage;
