/** HTTPS for the server: its options from PEM files, and the demo's throw-away certificate authority. */
package dev.outcrop.vertx.tls;
