package dev.outcrop.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.vertx.config.ServerConfig;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The demo's emulator has an unauthenticated admin API that shows the call log with access key ids, so it must be
 * reachable from this machine only: bound to 127.0.0.1, and refused on the machine's other addresses.
 */
final class DemoEmulatorLoopbackTest {

    @Test
    void theDemosEmulatorListensOnLoopbackOnly() throws Exception {
        try (OutcropServer server = OutcropServer.start(ServerConfig.builder().port(0).build(), new DemoModule())) {
            BedrockEmulator emulator = server.injector().getInstance(BedrockEmulator.class);
            int port = emulator.endpoint().getPort();

            assertThat(emulator.endpoint().getHost()).isEqualTo("127.0.0.1");
            try (Socket local = new Socket()) {
                local.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                assertThat(local.isConnected()).isTrue();
            }
            Optional<InetAddress> other = otherAddress();
            if (other.isPresent()) {
                assertThatThrownBy(() -> {
                    try (Socket remote = new Socket()) {
                        remote.connect(new InetSocketAddress(other.get(), port), 2_000);
                    }
                }).as("the emulator on %s", other.get()).isInstanceOf(java.io.IOException.class);
            }
        }
    }

    /** A non-loopback IPv4 address of this machine, if it has one (a container may have only loopback). */
    private static Optional<InetAddress> otherAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }
}
