package dev.outcrop.bedrock.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.internal.fault.FaultDecision;
import dev.outcrop.bedrock.emulator.internal.fault.SeededFaultPolicy;
import dev.outcrop.bedrock.emulator.internal.wire.BedrockErrorType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeededFaultPolicyTest {

    @Test
    void noFaultsMeansNoDecision() {
        SeededFaultPolicy policy = new SeededFaultPolicy(new EmulatorFaults().table(), 1, Clock.systemUTC());
        assertThat(policy.decide("amazon.nova-micro-v1:0", "amazon.nova-micro-v1:0")).isSameAs(FaultDecision.NONE);
    }

    @Test
    void latencyIsDrawnWithinTheConfiguredRangeAndRepeatsAfterReconfiguration() {
        EmulatorFaults faults = new EmulatorFaults();
        SeededFaultPolicy policy = new SeededFaultPolicy(faults.table(), 7, Clock.systemUTC());
        FaultSpec spec = FaultSpec.builder().latency(Duration.ofMillis(100)).latencyJitter(Duration.ofMillis(50))
                .firstByteDelay(Duration.ofMillis(30)).chunkDelay(Duration.ofMillis(5)).build();
        faults.setAll(spec);
        List<Long> first = delays(policy, 20);
        faults.setAll(spec);
        List<Long> second = delays(policy, 20);
        assertThat(first).allSatisfy(d -> assertThat(d).isBetween(100L, 150L)).containsExactlyElementsOf(second);
        assertThat(new java.util.HashSet<>(first)).hasSizeGreaterThan(5);
        FaultDecision decision = policy.decide("x", "amazon.nova-micro-v1:0");
        assertThat(decision.firstByteDelayMillis()).isEqualTo(30);
        assertThat(decision.chunkDelayMillis()).isEqualTo(5);
    }

    @Test
    void serverErrorTypeMapsToTheModeledError() {
        EmulatorFaults faults = new EmulatorFaults();
        SeededFaultPolicy policy = new SeededFaultPolicy(faults.table(), 7, Clock.systemUTC());
        faults.setAll(FaultSpec.builder().serverErrorRate(1).serverErrorType("ModelNotReadyException").build());
        assertThat(policy.decide("m", "m").error()).isEqualTo(BedrockErrorType.MODEL_NOT_READY);
        faults.setAll(FaultSpec.builder().serverErrorRate(1).serverErrorType("NoSuchThing").build());
        assertThat(policy.decide("m", "m").error()).isEqualTo(BedrockErrorType.INTERNAL_SERVER);
    }

    private static List<Long> delays(SeededFaultPolicy policy, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(policy.decide("amazon.nova-micro-v1:0", "amazon.nova-micro-v1:0").delayMillis());
        }
        return out;
    }
}
