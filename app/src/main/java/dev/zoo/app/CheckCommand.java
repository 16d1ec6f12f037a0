package dev.zoo.app;

import dev.zoo.core.ZooException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.evaluator.EvalJob;
import dev.zoo.results.Baseline;
import dev.zoo.results.BaselineException;
import dev.zoo.results.CheckItem;
import dev.zoo.results.Comparison;
import dev.zoo.evaluator.check.CheckJob;
import dev.zoo.results.GateReport;
import dev.zoo.results.JUnitReport;
import dev.zoo.results.MarkdownReport;
import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.Diagnostic;
import dev.zoo.metadata.Model;
import dev.zoo.results.RunRepository;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check", description = {"CI regression gate: evaluate (or, with --from-db, take the latest matching "
        + "runs) and compare top-1/top-5 (and ReaL) with the catalogue's claims or a recorded baseline.",
        "Also fails when cached weights no longer verify or the catalogue has lint errors.",
        "Exit 0: all within tolerance; 1: a regression or failed verification; 2: usage or I/O errors."})
public class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CatalogOptions catalogOptions;

    @Mixin
    EvalOptions evalOptions;

    @Parameters(paramLabel = "MODEL", completionCandidates = Completions.ModelIds.class,
            arity = "0..*", description = "Models to check (default: the baseline's).")
    List<String> ids = new ArrayList<>();

    @Option(names = "--baseline", paramLabel = "FILE", description = "Compare with these recorded values "
            + "(zoo baseline record) instead of the catalogue's claims.")
    Path baselineFile;

    @Option(names = "--tolerance", paramLabel = "POINTS", converter = Numbers.Points.class, description = "Allowed "
            + "absolute difference in percentage points (default 0.1; a baseline may set it per metric and per "
            + "model).")
    Double tolerance;

    @Option(names = "--include-reported", description = "With --from-db: also take runs uploaded without the weights "
            + "digest, data fingerprint and recipe (reported, not reproduced), which the gate leaves out by default.")
    boolean includeReported;

    @Option(names = "--alpha", paramLabel = "P", defaultValue = "0.05", converter = Numbers.Probability.class,
            description = "Against a baseline whose images pair with the run's, a move beyond the tolerance fails "
                    + "only when McNemar's exact test finds it significant at this level (default 0.05).")
    double alpha;

    /** How a move beyond the tolerance is judged against a baseline whose images pair with the run's. */
    enum Verdict { significant, tolerance }

    @Option(names = "--verdict", paramLabel = "RULE", defaultValue = "significant", description = "significant "
            + "(default): beyond the tolerance and significant at --alpha fails; tolerance: any move beyond the "
            + "tolerance fails, significant or not (the statistics are still reported).")
    Verdict verdict;

    @Option(names = "--from-db", description = "Use the latest matching run of each model instead of evaluating: "
            + "on the baseline's images (or --data's), or complete on the claimed dataset.")
    boolean fromDb;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML: one test case per model and "
            + "metric.")
    Path junit;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Write a Markdown summary (also appended to "
            + "$GITHUB_STEP_SUMMARY when set).")
    Path markdown;

    @Mixin
    OutputOptions output;

    @Inject
    ZooContext context;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws Exception {
        try {
            return check();
        } catch (ZooException e) {
            // the gate's contract: 2 for anything that kept it from checking, I/O included
            throw e.exitCode() == ExitCode.IO ? new ZooException(ZooException.Kind.USAGE, e.getMessage(), e) : e;
        }
    }

    private int check() throws Exception {
        // the gate fails on catalogue errors only when asked to (--strict-catalog): otherwise an unrelated bad card in
        // a catalogue of hundreds would fail every check; a checked model that was left out is named as such
        ZooContext.CatalogRequest request = catalogOptions.request();
        Catalog catalog = context.catalogWithErrors(request);
        List<Diagnostic> lintErrors = context.strict(request)
                ? catalog.diagnostics().stream().filter(Diagnostic::isError).toList() : List.of();
        if (lintErrors.isEmpty()) {
            ZooContext.sayWhatWasLeftOut(catalog, spec.commandLine().getErr());
        }
        Baseline baseline = null;
        if (baselineFile != null) {
            try {
                baseline = Baseline.read(baselineFile);
            } catch (BaselineException e) {
                throw new ZooException(ZooException.Kind.USAGE, e.getMessage(), e);
            }
        }
        List<String> wanted = !ids.isEmpty() ? ids : baseline != null
                ? baseline.models().stream().map(Baseline.Entry::modelId).toList() : List.of();
        if (wanted.isEmpty()) {
            throw new ZooException(ZooException.Kind.USAGE, "name the models to check, or give a --baseline");
        }
        List<Model> models = wanted.stream().map(id -> context.model(catalog, id)).toList();
        Path data = fromDb ? evalOptions.data : context.imagenet(evalOptions.data);
        EvalJob.Request eval = data == null ? null : evalOptions.request(null, data);
        RunRepository runs = new RunRepository(context.database());
        CheckJob job = new CheckJob(context.registry(), runs, CheckJob.Evaluation.of(
                new EvalJob(context.settings().home(), context.registry(), runs)));
        EvalProgress progress = new EvalProgress(output.quiet(), output.json());
        GateReport report;
        try {
            report = job.run(new CheckJob.Request(models, lintErrors, baseline,
                            tolerance == null ? Comparison.DEFAULT_TOLERANCE : tolerance, fromDb, eval,
                            verdict == Verdict.tolerance ? 1.0 : alpha, includeReported),
                    ConsoleProgress.create(!output.progress()), progress);
        } finally {
            progress.close();
        }
        write(report);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            print(out, report);
        }
        out.flush();
        return report.exitCode();
    }

    private void write(GateReport report) {
        try {
            if (junit != null) {
                JUnitReport.write(report, junit);
            }
            String md = null;
            if (markdown != null) {
                md = MarkdownReport.render(report);
                Files.createDirectories(markdown.toAbsolutePath().getParent());
                Files.writeString(markdown, md, StandardCharsets.UTF_8);
            }
            String summary = System.getenv("GITHUB_STEP_SUMMARY");
            if (summary != null && !summary.isBlank()) {
                Files.writeString(Path.of(summary), md != null ? md : MarkdownReport.render(report),
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new ZooException(ZooException.Kind.USAGE, "cannot write the report: " + e.getMessage(), e);
        }
    }

    private static void print(PrintWriter out, GateReport r) {
        Table t = new Table(List.of("", "MODEL", "CHECK", "EXPECTED", "MEASURED", "DIFF", "IMAGES", "P", "TOL"),
                false, false, false, true, true, true, true, true, true);
        for (CheckItem i : r.items()) {
            t.add(List.of(switch (i.outcome()) {
                case PASS -> "ok";
                case FAIL -> "FAIL";
                case ERROR -> "ERROR";
            }, i.model(), i.name(), num(i.expected()), num(i.measured()),
                    i.difference() == null ? "" : String.format(Locale.ROOT, "%+.2f", i.difference()),
                    images(i), i.evidence() == null || i.evidence().pValue() == null ? ""
                            : String.format(Locale.ROOT, "%.3g", i.evidence().pValue()), num(i.tolerance())));
        }
        t.print(out);
        r.items().stream().filter(i -> i.scope() != null).map(i -> i.model() + ": measured on " + i.scope()).distinct()
                .forEach(out::println);
        for (CheckItem i : r.items()) {
            if (i.outcome() != CheckItem.Outcome.PASS) {
                out.println((i.outcome() == CheckItem.Outcome.FAIL ? "FAIL: " : "ERROR: ") + i.message());
            }
        }
        r.notes().forEach(n -> out.println("note: " + n));
        out.printf(Locale.ROOT, "%s: %d checks, %d failed, %d not checked (%.1f s)%n",
                r.exitCode() == 0 ? "passed" : r.exitCode() == 1 ? "FAILED" : "INCOMPLETE", r.items().size(),
                r.count(CheckItem.Outcome.FAIL), r.count(CheckItem.Outcome.ERROR), r.seconds());
    }

    /** "2/50": how many images the difference is, of how many; "-3/+1" lost and gained when paired. */
    private static String images(CheckItem i) {
        CheckItem.Evidence e = i.evidence();
        if (e == null || e.images() == null || i.difference() == null) {
            return "";
        }
        if (e.lost() != null) {
            return String.format(Locale.ROOT, "-%d/+%d of %,d", e.lost(), e.gained(), e.images());
        }
        return String.format(Locale.ROOT, "%d of %,d", Math.round(Math.abs(i.difference()) * e.images() / 100.0),
                e.images());
    }

    private static String num(Double d) {
        return d == null ? "" : String.format(Locale.ROOT, "%.2f", d);
    }
}
