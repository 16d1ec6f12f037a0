package dev.zoo.app;

import io.quarkus.picocli.runtime.PicocliRunner;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts Quarkus with the Picocli commands. Only {@code zoo serve} opens the HTTP server: every other command runs
 * without it, so a {@code zoo list} never collides with a running server's port. {@code --port} and {@code --host} of
 * serve become Quarkus' HTTP settings before it starts.
 */
@QuarkusMain
public class ZooMain {

    public static void main(String... args) {
        boolean serve = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!serve && !a.startsWith("-")) {
                serve = a.equals("serve");
                if (!serve) {
                    break;   // the first word is the command
                }
                continue;
            }
            if (serve) {
                String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : i + 1 < args.length ? args[i + 1]
                        : null;
                if ((a.equals("--port") || a.startsWith("--port=")) && value != null) {
                    System.setProperty("quarkus.http.port", value);
                } else if ((a.equals("--host") || a.startsWith("--host=")) && value != null) {
                    System.setProperty("quarkus.http.host", value);
                }
            }
        }
        if (!serve) {
            System.setProperty("quarkus.http.host-enabled", "false");
        }
        Quarkus.run(PicocliRunner.class, args);
    }
}
