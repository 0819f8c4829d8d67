package org.civicloop.channels.activitypub;

/** An ActivityStreams document was refused: {@link #path()} (a JSON Pointer) says where, {@link #reason()} why. */
class ActivityStreamsException extends RuntimeException {

    private final String path;
    private final String reason;

    ActivityStreamsException(String path, String reason) {
        super((path.isEmpty() ? "document" : path) + ": " + reason);
        this.path = path;
        this.reason = reason;
    }

    String path() {
        return path;
    }

    String reason() {
        return reason;
    }
}
