/**
 * Connectors: one sub-package per network or medium. Each reads its source and hands envelopes
 * ({@link org.civicloop.ingest.InboundMessage}) to the one durable ingest path
 * ({@link org.civicloop.ingest.MessageManagement#receiveAll}), moving its cursor only together with
 * what it covers; where the medium allows, a {@link org.civicloop.replies.ReplySender} answers
 * residents through it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Channels")
package org.civicloop.channels;
