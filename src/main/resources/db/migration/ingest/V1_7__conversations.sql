-- Conversations: a reply (e-mail In-Reply-To/References, a post's parent) joins the conversation of
-- the message it answers, on the same channel. thread_refs keeps the channel's ids it referred to, so
-- a reply that arrives before its parent is joined up when the parent comes.
ALTER TABLE message ADD COLUMN conversation_id uuid;
ALTER TABLE message ADD COLUMN thread_refs text[];
UPDATE message SET conversation_id = id;
ALTER TABLE message ALTER COLUMN conversation_id SET NOT NULL;
CREATE INDEX message_conversation_idx ON message (conversation_id);
CREATE INDEX message_thread_refs_idx ON message USING gin (thread_refs) WHERE thread_refs IS NOT NULL;
