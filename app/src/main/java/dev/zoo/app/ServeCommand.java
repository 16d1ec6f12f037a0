package dev.zoo.app;

import dev.zoo.metadata.Catalog;
import io.quarkus.runtime.Quarkus;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", description = {"Serve the results table, model cards, run pages, a chart and the REST API "
        + "(OpenAPI at /q/openapi, Swagger UI at /q/swagger-ui) from the same catalogue and database as the CLI.",
        "POST /api/runs accepts uploads only when ZOO_API_TOKEN is set (as a bearer token)."})
public class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CatalogOptions catalogOptions;

    // read by ZooMain before Quarkus starts; declared here for --help and validation
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", converter = Numbers.Port.class,
            description = "Port (default 8080; 0: any free port).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = "Address to bind "
            + "(default 127.0.0.1: this machine only).")
    String host;

    @Inject
    ZooContext context;

    @Override
    public Integer call() {
        context.serveCatalogs(catalogOptions.request());
        Catalog catalog = context.catalog();
        context.database();   // fail now, not on the first request
        int actual = ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", Integer.class).orElse(port);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Zoo is serving %d models on http://%s:%d/ (API: /api/models, docs: /q/swagger-ui)%s%n",
                catalog.models().size(), host.contains(":") ? "[" + host + "]" : host, actual,
                context.apiToken().isPresent() ? "; run uploads enabled" : "; read-only");
        out.flush();
        Quarkus.waitForExit();
        return ExitCode.OK;
    }
}
