-- Service accounts: what programs authenticate as. The secret is never stored, only a slow salted hash
-- of it (secret_hash), with the id of the key it belongs to (key_id) so that tokens name their key.
CREATE TABLE outcrop_service_accounts (
    id              VARCHAR(255)  NOT NULL,
    account_name    VARCHAR(255)  NOT NULL,
    name            VARCHAR(255)  NOT NULL,
    description     VARCHAR(1000000),
    user_name       VARCHAR(255),
    key_id          VARCHAR(255),
    secret_hash     VARCHAR(1024),
    created         TIMESTAMP WITH TIME ZONE NOT NULL,
    version         BIGINT        NOT NULL,
    CONSTRAINT outcrop_service_accounts_pk PRIMARY KEY (id),
    CONSTRAINT outcrop_service_accounts_name_uq UNIQUE (account_name, name)
);
