/** Throughput of the triage stages, measured in-process: the {@code civicloop bench triage} command's engine. */
@org.springframework.modulith.NamedInterface("bench")
package org.civicloop.triage.bench;
