-- Personal data at rest (issue 6): outbox bodies are copies of delivered messages, so they are sealed like archive
-- bodies (AES-GCM field-key token; body_key names the key). NULL: a body stored in clear before this release.
ALTER TABLE outbox_message ADD COLUMN body_key VARCHAR(64);
