package dev.outcrop.core.statement;

/** What a privilege is granted on. */
public enum GrantObjectType {
    LOCATION,
    ACCOUNT
}
