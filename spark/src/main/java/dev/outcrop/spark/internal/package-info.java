/** How outcrop-spark works inside: the Catalyst side ({@code plan}) and the executor runtime ({@code runtime}). Not an API. */
package dev.outcrop.spark.internal;
