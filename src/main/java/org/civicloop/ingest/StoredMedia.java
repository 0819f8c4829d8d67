package org.civicloop.ingest;

import java.util.UUID;

public record StoredMedia(UUID id, String contentType, String fileName, int size) {}
