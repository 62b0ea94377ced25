-- The external ID generated for each account, for its customers' trust policies. Null for accounts created
-- before it existed; core assigns one when the account's server starts.
ALTER TABLE outcrop_accounts ADD COLUMN external_id VARCHAR(255);
