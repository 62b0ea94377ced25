-- The catalog's tables. Portable SQL: the same script runs on H2 (2.x, regular mode) and PostgreSQL.
-- Names are VARCHAR(255): the store refuses longer ones before they reach the database.
-- Credentials are stored sealed (key id + ciphertext); no column ever holds a plaintext secret.

CREATE TABLE outcrop_accounts (
    account_name       VARCHAR(255)  NOT NULL,
    region             VARCHAR(255)  NOT NULL,
    trust_policy_role  VARCHAR(2048) NOT NULL,
    llm_token_budget   BIGINT        NOT NULL,
    created            TIMESTAMP WITH TIME ZONE NOT NULL,
    version            BIGINT        NOT NULL,
    CONSTRAINT outcrop_accounts_pk PRIMARY KEY (account_name)
);

CREATE TABLE outcrop_locations (
    id                   VARCHAR(255)     NOT NULL,
    account_name         VARCHAR(255)     NOT NULL,
    location_name        VARCHAR(255)     NOT NULL,
    source               VARCHAR(255)     NOT NULL,
    url                  VARCHAR(8192),
    description          VARCHAR(1000000),
    region               VARCHAR(255),
    owner_name           VARCHAR(255)     NOT NULL,
    created              TIMESTAMP WITH TIME ZONE NOT NULL,
    credentials_key_id   VARCHAR(255)     NOT NULL,
    credentials_sealed   VARCHAR(1000000) NOT NULL,
    version              BIGINT           NOT NULL,
    CONSTRAINT outcrop_locations_pk PRIMARY KEY (id),
    CONSTRAINT outcrop_locations_name_uq UNIQUE (account_name, location_name)
);

CREATE TABLE outcrop_principals (
    account_name    VARCHAR(255) NOT NULL,
    principal_name  VARCHAR(255) NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    created         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT outcrop_principals_pk PRIMARY KEY (account_name, principal_name)
);

CREATE TABLE outcrop_role_memberships (
    account_name  VARCHAR(255) NOT NULL,
    role_name     VARCHAR(255) NOT NULL,
    member_name   VARCHAR(255) NOT NULL,
    CONSTRAINT outcrop_role_memberships_pk PRIMARY KEY (account_name, role_name, member_name)
);

CREATE TABLE outcrop_grants (
    account_name  VARCHAR(255) NOT NULL,
    grantee       VARCHAR(255) NOT NULL,
    object_type   VARCHAR(64)  NOT NULL,
    object_name   VARCHAR(255) NOT NULL,
    privilege     VARCHAR(64)  NOT NULL,
    CONSTRAINT outcrop_grants_pk PRIMARY KEY (account_name, grantee, object_type, object_name, privilege)
);

CREATE INDEX outcrop_grants_object_ix ON outcrop_grants (account_name, object_type, object_name);

-- Written on every AI call, so kept apart from the catalog objects and outside the change count.
CREATE TABLE outcrop_token_usage (
    account_name  VARCHAR(255) NOT NULL,
    usage_day     DATE         NOT NULL,
    tokens        BIGINT       NOT NULL,
    CONSTRAINT outcrop_token_usage_pk PRIMARY KEY (account_name, usage_day)
);

-- One row. Every transaction that changes a catalog object adds 1 as its last statement, so a cache
-- that polls this number sees a change exactly when the change itself becomes visible.
CREATE TABLE outcrop_catalog_version (
    id            INTEGER NOT NULL,
    change_count  BIGINT  NOT NULL,
    CONSTRAINT outcrop_catalog_version_pk PRIMARY KEY (id)
);

INSERT INTO outcrop_catalog_version (id, change_count) VALUES (1, 0);
