-- What the catalog knows of each sealing key: a verifier computed from the key, never the key. A server
-- whose key does not match the verifier registered for its key id is refused at start.
CREATE TABLE outcrop_sealing_keys (
    key_id      VARCHAR(255)  NOT NULL,
    verifier    VARCHAR(1024) NOT NULL,
    registered  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT outcrop_sealing_keys_pk PRIMARY KEY (key_id)
);
