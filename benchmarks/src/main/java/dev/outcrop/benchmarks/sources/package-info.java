/** Benchmarks of the table-valued functions: reading speed beside a plain Jackson read, and heap over S3 with model calls. */
package dev.outcrop.benchmarks.sources;
