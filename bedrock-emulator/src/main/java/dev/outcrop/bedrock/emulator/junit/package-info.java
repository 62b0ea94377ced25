/** JUnit 5 support: {@link dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension}. JUnit is a provided dependency. */
package dev.outcrop.bedrock.emulator.junit;
