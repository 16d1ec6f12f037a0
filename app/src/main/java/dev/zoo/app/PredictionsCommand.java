package dev.zoo.app;

import dev.zoo.core.ZooException;
import dev.zoo.evaluator.eval.PredictionLog;
import dev.zoo.results.Prediction;
import dev.zoo.results.Run;
import dev.zoo.results.RunRepository;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "predictions", description = "A run's per-image predictions, as stored: file, label, top-1 and its "
        + "softmax confidence (--csv: the top-5 and their logits too, as --predictions writes them).")
public class PredictionsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "The run (zoo runs shows IDs).")
    long id;

    @Option(names = "--wrong", description = "Only the images whose top-1 is wrong.")
    boolean wrong;

    @Option(names = "--csv", description = "Write CSV (file,label,top1..top5,logit1..logit5,confidence).")
    boolean csv;

    @Inject
    ZooContext context;

    @Override
    public Integer call() throws Exception {
        RunRepository runs = new RunRepository(context.databaseForReading());
        Run run = runs.find(id).orElseThrow(() -> ZooException.usage("no run " + id + " (zoo runs lists them)"));
        List<Prediction> all = runs.predictions(id).stream().filter(p -> !wrong || !p.top1Correct()).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (csv) {
            PredictionLog.write(out, all);
            out.flush();
            return ExitCode.OK;
        }
        if (all.isEmpty()) {
            out.println(wrong ? "run #" + id + " got every stored image right" : "run #" + id + " stored no "
                    + "predictions (an upload, or a run from before Zoo stored them)");
            out.flush();
            return ExitCode.OK;
        }
        out.printf(Locale.ROOT, "run #%d, %s: %s%n", run.id(), run.modelId(), run.scopeLabel());
        Table t = new Table(List.of("FILE", "LABEL", "TOP-1", "CONF", "TOP-5", ""), false, true, true, true, false,
                false);
        for (Prediction p : all) {
            t.add(List.of(p.name(), Integer.toString(p.label()), p.top().length == 0 ? "" : Integer.toString(p.top()[0]),
                    Float.isNaN(p.confidence()) ? "-" : String.format(Locale.ROOT, "%.3f", p.confidence()),
                    p.top5Correct() ? "yes" : "no", p.top1Correct() ? "" : "wrong"));
        }
        t.print(out);
        out.flush();
        return ExitCode.OK;
    }
}
