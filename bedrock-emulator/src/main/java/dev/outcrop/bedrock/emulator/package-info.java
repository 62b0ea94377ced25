/**
 * A local Amazon Bedrock Runtime + AWS STS for tests, benchmarks and demos: {@link
 * dev.outcrop.bedrock.emulator.BedrockEmulator} (start, endpoint, call log, counters, faults), its {@link
 * dev.outcrop.bedrock.emulator.EmulatorConfig}, and the values tests read ({@link
 * dev.outcrop.bedrock.emulator.RecordedCall}, {@link dev.outcrop.bedrock.emulator.FaultSpec}). Everything under
 * {@code .internal} may change without notice.
 */
package dev.outcrop.bedrock.emulator;
