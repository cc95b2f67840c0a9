-- The claim looks up each free endpoint's oldest due message instead of walking every pending
-- message in time order: a receiver that is down (or slow) keeps a long backlog, and the walk
-- stepped over all of it on every claim while that endpoint was busy. With this index the head
-- of one endpoint's queue is one seek.
CREATE INDEX webhook_messages_endpoint_due ON webhook_messages(endpoint_id, next_attempt_ms, created_ms, id)
  WHERE status = 'pending';
