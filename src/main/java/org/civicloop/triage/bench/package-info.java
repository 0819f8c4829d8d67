/** Throughput of the triage stages, measured in-process ({@code civicloop bench triage}). */
package org.civicloop.triage.bench;
