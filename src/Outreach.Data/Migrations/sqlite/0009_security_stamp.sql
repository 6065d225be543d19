-- Sessions end on the server (issue 14): every sign-in cookie carries the account's security stamp, and a cookie whose
-- stamp is no longer the account's is refused. The stamp changes at sign-out, on a new password, a change of role or
-- station and when the account is disabled. Existing accounts get a random stamp, so cookies issued before this
-- migration (which carry none) end and their owners sign in once more.
ALTER TABLE staff_users ADD COLUMN security_stamp TEXT NOT NULL DEFAULT '';
UPDATE staff_users SET security_stamp = lower(hex(randomblob(16)));

-- The account lock after five wrong passwords let anyone lock anyone out; sign-in is throttled per account and
-- client in the app instead, and nothing about failures is stored with the account any more.
ALTER TABLE staff_users DROP COLUMN failed_attempts;
ALTER TABLE staff_users DROP COLUMN lockout_end;
