-- The only question asked of thread_refs is: which stored replies, still alone in their
-- conversation, answer this message (or these messages, for a connector's batch)? Index exactly
-- those replies. The index stays small (replies whose parent has not arrived), so the planner
-- uses it even on a young table, and a batch asks for all its messages at once in well under a
-- millisecond; the full-table GIN index it replaces was skipped for a scan of the table as soon as
-- a batch asked for a few hundred ids. Without fast update, fresh entries go straight into the
-- tree instead of a pending list that every search reads through (ADR 0013).
DROP INDEX message_thread_refs_idx;
CREATE INDEX message_waiting_replies_idx ON message USING gin (thread_refs) WITH (fastupdate = off)
    WHERE thread_refs IS NOT NULL AND conversation_id = id;
