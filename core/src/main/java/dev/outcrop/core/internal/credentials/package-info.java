/** Locations as they are now, and the credentials that sign a call: access keys, or the STS role chain with its cache. */
package dev.outcrop.core.internal.credentials;
