package dev.outcrop.core.statement;

/** Users and roles. */
public enum PrincipalKind {
    USER,
    ROLE
}
