/** Who may do what: a principal's roles and grants in an account, and the errors that say no without revealing what exists. */
package dev.outcrop.core.internal.access;
