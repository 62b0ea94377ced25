/** The HTTP service under load, measured beside the Bedrock emulator it calls, in the same run. */
package dev.outcrop.benchmarks.server;
