/** Where a SELECT's rows come from: table-valued functions, files, bound relations, and the pull-side buffer the row pipeline reads. */
package dev.outcrop.core.internal.source;
