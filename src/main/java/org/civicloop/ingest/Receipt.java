package org.civicloop.ingest;

import org.civicloop.shared.MessageId;

/** What the ingest path answers: the message's id and reference, and whether it was new. */
public record Receipt(MessageId messageId, String publicReference, boolean created) {}
