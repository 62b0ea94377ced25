/** The catalog as core uses it: sealing on the way in, unsealing on the way out, store failures turned into errors a user can act on. */
package dev.outcrop.core.internal.catalog;
