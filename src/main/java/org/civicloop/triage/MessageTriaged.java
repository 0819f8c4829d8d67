package org.civicloop.triage;

import org.civicloop.shared.MessageId;

/** A message's triage result was stored (or replaced): views that show it may refresh. */
public record MessageTriaged(MessageId messageId, boolean emergency, boolean needsHuman) {}
