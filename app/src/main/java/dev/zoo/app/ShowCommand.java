package dev.zoo.app;

import dev.zoo.core.ZooException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.Model;
import dev.zoo.registry.WeightsStatus;
import dev.zoo.results.ResultRow;
import dev.zoo.results.ResultsTable;
import dev.zoo.results.Robustness;
import dev.zoo.results.Run;
import dev.zoo.web.view.ModelView;
import dev.zoo.results.RunRepository;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show", description = "Show a model's whole card: metadata, results, weights status, paper, code, "
        + "citation and runs.")
public class ShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CatalogOptions catalogOptions;

    @Parameters(paramLabel = "MODEL", completionCandidates = Completions.ModelIds.class,
            description = "Model ID (zoo list shows them).")
    String id;

    @Mixin
    JsonOption json;

    @Inject
    ZooContext context;

    @Inject
    ObjectMapper mapper;

    /** {@code zoo show --json}. */
    public record Card(Model model, Long architectureParameters, WeightsStatus weights, List<Run> runs) {
    }

    @Override
    public Integer call() throws Exception {
        Catalog catalog = catalogOptions.load(context);
        Model m = context.model(catalog, id);
        List<Run> runs;
        runs = new RunRepository(context.databaseForReading()).forModel(m.id());
        WeightsStatus weights = weights(m);   // after the database is open (read-only on a full disk)
        Long archParams = m.architecture().map(a -> a.parameterCount()).orElse(null);
        PrintWriter out = spec.commandLine().getOut();
        if (json.on()) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(new Card(m, archParams, weights,
                    runs)));
            out.flush();
            return ExitCode.OK;
        }
        Map<String, Map<String, RunRepository.Latest>> latest =
                new RunRepository(context.databaseForReading()).latestPerDataset();
        // the whole table: robustness ranks are among the whole zoo, as on the web's card
        List<ResultRow> table = ResultsTable.build(catalog, latest);
        new CardText(out).print(ModelView.of(m, catalog.collectionLabel(m), weights,
                table.stream().filter(r -> r.model().equals(m.id())).toList(),
                Robustness.of(table).model(m.id()), runs));
        out.flush();
        return ExitCode.OK;
    }

    private WeightsStatus weights(Model m) {
        return context.registry().status(m);
    }
}
