/**
 * Who a caller is, once authenticated: the account and user a service account's requests run as.
 */
package dev.outcrop.core.identity;
