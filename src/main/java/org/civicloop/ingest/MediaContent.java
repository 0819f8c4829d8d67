package org.civicloop.ingest;

/** The bytes of a photo or file a resident sent. */
public record MediaContent(String contentType, byte[] content) {}
