-- An admin disables the account of an officer who has left (and may enable it again): a disabled account
-- cannot sign in and its sessions end at the next request. NULL = enabled; the instant it was disabled otherwise.
ALTER TABLE staff_users ADD COLUMN disabled_at timestamptz NULL;
