/**
 * A catalog store in this JVM's memory, registered as provider {@code "memory"}: the reference
 * implementation of the contract, for tests and single-process use.
 */
package dev.outcrop.catalog.spi.memory;
