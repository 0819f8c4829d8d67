-- What a reply answers: the external id (on its channel) of the resident's message, for threading.
ALTER TABLE outbox_message ADD COLUMN in_reply_to text;
