package dev.outcrop.core.statement;

/** A parsed SQL statement. Immutable; the parser produces it and core executes it. */
public sealed interface Statement
        permits CreateLocation, AlterLocation, DropLocation, AlterAccount, CreatePrincipal, DropPrincipal,
        GrantPrivilege, RevokePrivilege, GrantRole, RevokeRole, Select, UseDatabase, SetSetting, UnsetSetting,
        CreateServiceAccount, DropServiceAccount, CallProcedure, ResealLocations, CreateAccount, DropAccount {
}
