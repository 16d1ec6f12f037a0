package dev.zoo.app;

import dev.zoo.core.ZooException;
import io.quarkus.picocli.runtime.PicocliRunner;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.List;
import picocli.CommandLine.TypeConversionException;

/**
 * Starts Quarkus with the Picocli commands. Only {@code zoo serve} opens the HTTP server: every other command runs
 * without it, so a {@code zoo list} never collides with a running server's port. {@code --port} and {@code --host} of
 * serve are checked here (a port out of range, an unknown host, a port already in use end with one line and the
 * documented exit code, before Quarkus would fail with a stack trace) and become Quarkus' HTTP settings.
 */
@QuarkusMain
public class ZooMain {

    public static void main(String... args) {
        JvmProperties.applyDefaults();
        StopSignals.install();
        if (QuickStart.handles(args)) {
            System.exit(QuickStart.run(args));
            return;
        }
        List<String> list = List.of(args);
        boolean serve = !list.isEmpty() && list.get(0).equals("serve") && !list.contains("-h")
                && !list.contains("--help") && !list.contains("-V") && !list.contains("--version");
        if (serve) {
            try {
                Listen listen = Listen.of(list);
                System.setProperty("quarkus.http.port", Integer.toString(listen.port()));
                System.setProperty("quarkus.http.host", listen.host());
            } catch (ZooException e) {
                System.err.println("zoo serve: " + e.getMessage());
                System.exit(CommandLineSetup.exitCode(e));
                return;
            }
        } else {
            System.setProperty("quarkus.http.host-enabled", "false");
        }
        Quarkus.run(PicocliRunner.class, args);
    }

    /** Where {@code zoo serve} listens: {@code --port} (default 8080) and {@code --host} (default 127.0.0.1). */
    record Listen(String host, int port) {

        static Listen of(List<String> args) {
            String port = "8080";
            String host = "127.0.0.1";
            for (int i = 1; i < args.size(); i++) {
                String a = args.get(i);
                String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : i + 1 < args.size()
                        ? args.get(i + 1) : null;
                if (a.equals("--port") || a.startsWith("--port=")) {
                    port = value;
                } else if (a.equals("--host") || a.startsWith("--host=")) {
                    host = value;
                }
            }
            if (port == null || host == null) {
                throw new ZooException(ZooException.Kind.USAGE, "--port and --host need a value (zoo serve --help "
                        + "shows the options)");
            }
            int p;
            try {
                p = new Numbers.Port().convert(port);
            } catch (TypeConversionException e) {
                throw new ZooException(ZooException.Kind.USAGE, "--port: " + e.getMessage());
            }
            InetAddress address;
            try {
                address = InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw new ZooException(ZooException.Kind.USAGE, "--host: '" + host + "' is not an address of this "
                        + "machine (e.g. 127.0.0.1, or 0.0.0.0 for every interface)");
            }
            if (p != 0) {
                try (ServerSocket s = new ServerSocket()) {
                    s.setReuseAddress(true);
                    s.bind(new InetSocketAddress(address, p));
                } catch (IOException e) {
                    throw new ZooException(ZooException.Kind.IO, host + ":" + p + " is not available (" + e.getMessage()
                            + "; another zoo serve?): choose another port with --port, or 0 for any free one");
                }
            }
            return new Listen(host, p);
        }
    }
}
