/** Sealing credentials at rest with AES-256-GCM under the deployment's keys. */
package dev.outcrop.core.internal.seal;
