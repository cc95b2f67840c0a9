-- Operators may require two-factor authentication of every member of an organisation (issue 3).
-- Stored apart from the organisation's own choice (orgs.require_2fa) together with who imposed it
-- and when: the organisation cannot lift an operator's requirement, and when an operator lifts it
-- the organisation's own choice still stands.
ALTER TABLE orgs ADD COLUMN require_2fa_imposed_by TEXT;     -- operator user id; NULL = not imposed
ALTER TABLE orgs ADD COLUMN require_2fa_imposed_ms INTEGER;
