/**
 * The authenticated mode: Firebolt's service-account flow ({@code POST /oauth/token} with a client id and
 * secret, {@code GET /web/v3/account/{account}/engineUrl}), signed access tokens that every server on the
 * same catalog and sealing keys can verify, and the bearer check in front of the query routes.
 */
package dev.outcrop.vertx.auth;
