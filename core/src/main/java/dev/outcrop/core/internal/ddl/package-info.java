/** Statements that change the catalog: locations, accounts, users, roles and grants. */
package dev.outcrop.core.internal.ddl;
