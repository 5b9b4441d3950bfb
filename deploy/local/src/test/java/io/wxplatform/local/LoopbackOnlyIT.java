package io.wxplatform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxplatform.testkit.process.ServiceProcess;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Someone on the developer's network reaches the local platform's gateway and nothing else: the sandbox and the
 * services behind the gateway listen on 127.0.0.1 only (their internal APIs would otherwise be one guess away).
 */
class LoopbackOnlyIT {

    private static Platform platform;
    private static InetAddress lanAddress;

    @BeforeAll
    static void startPlatform() throws SocketException {
        platform = E2ePlatform.get().platform();
        // This machine's address on its network, as a neighbour would dial it.
        lanAddress = NetworkInterface.networkInterfaces()
                .filter(LoopbackOnlyIT::upAndNotLoopback)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst()
                .orElseThrow(() -> new AssertionError("this machine has no non-loopback IPv4 address to test from"));
    }

    @Test
    void theGatewayIsReachableFromTheNetwork() throws IOException {
        int gateway = URI.create(platform.gatewayUrl()).getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(lanAddress, gateway), 2000);
            assertThat(socket.isConnected()).isTrue();
        }
    }

    @Test
    void everythingBehindTheGatewayIsReachableOnlyOnLoopback() throws IOException {
        int gateway = URI.create(platform.gatewayUrl()).getPort();
        List<ServiceProcess> behind =
                platform.processes().stream().filter(p -> p.port() != gateway).toList();
        assertThat(behind)
                .extracting(ServiceProcess::module)
                .contains("sandbox", "callback-service", "token-service", "messaging-service", "user-service");
        for (ServiceProcess process : behind) {
            try (Socket local = new Socket()) {
                local.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), process.port()), 2000);
            }
            assertThatThrownBy(() -> {
                        try (Socket fromTheNetwork = new Socket()) {
                            fromTheNetwork.connect(new InetSocketAddress(lanAddress, process.port()), 2000);
                        }
                    })
                    .as(process.module() + " on " + lanAddress)
                    .isInstanceOf(ConnectException.class);
        }
    }

    private static boolean upAndNotLoopback(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
