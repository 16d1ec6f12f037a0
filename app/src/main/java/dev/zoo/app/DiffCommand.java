package dev.zoo.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.core.ZooException;
import dev.zoo.results.Run;
import dev.zoo.results.RunDiff;
import dev.zoo.results.RunRepository;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diff", description = {"Compare two runs on the same images, image by image: for top-1 and top-5 the "
        + "2x2 table (both right, only A, only B, both wrong), B minus A with its paired 95%% interval (Newcombe), "
        + "McNemar's exact p-value, and the images that flipped, regressions and confident mistakes first.",
        "Runs on other images (another data fingerprint) are refused."})
public class DiffCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_A", description = "The run compared against (zoo runs shows IDs).")
    long a;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "The run compared.")
    long b;

    @Option(names = "--flips", paramLabel = "N", defaultValue = "20", converter = Numbers.NonNegative.class,
            description = "List at most N flipped images (default 20; 0: none).")
    int flips;

    @Mixin
    JsonOption json;

    @Inject
    ZooContext context;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws Exception {
        RunRepository runs = new RunRepository(context.databaseForReading());
        Run ra = runs.find(a).orElseThrow(() -> ZooException.usage("no run " + a + " (zoo runs lists them)"));
        Run rb = runs.find(b).orElseThrow(() -> ZooException.usage("no run " + b + " (zoo runs lists them)"));
        RunDiff d = RunDiff.of(ra, runs.predictions(a), rb, runs.predictions(b), flips);
        PrintWriter out = spec.commandLine().getOut();
        if (json.on()) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(d));
        } else {
            print(out, d);
        }
        out.flush();
        return ExitCode.OK;
    }

    static void print(PrintWriter out, RunDiff d) {
        out.printf(Locale.ROOT, "A: run #%d, %s, %s%n", d.a().run(), d.a().model(), d.a().recipe());
        out.printf(Locale.ROOT, "B: run #%d, %s, %s%n", d.b().run(), d.b().model(), d.b().recipe());
        out.printf(Locale.ROOT, "on the same %,d images (%s)%n", d.images(), d.a().scope());
        metric(out, "top-1", d.top1(), d.images());
        metric(out, "top-5", d.top5(), d.images());
        if (!d.flips().isEmpty()) {
            out.printf(Locale.ROOT, "%nimages whose top-1 flipped (%d of %d shown), regressions first:%n",
                    d.flips().size(), d.flipCount());
            Table t = new Table(java.util.List.of("FILE", "LABEL", "A TOP-1", "A CONF", "B TOP-1", "B CONF", ""),
                    false, true, true, true, true, true, false);
            for (RunDiff.Flip f : d.flips()) {
                t.add(java.util.List.of(f.name(), Integer.toString(f.label()), Integer.toString(f.topA()),
                        conf(f.confidenceA()), Integer.toString(f.topB()), conf(f.confidenceB()),
                        f.regression() ? "B lost it" : "B got it"));
            }
            t.print(out);
        }
    }

    private static void metric(PrintWriter out, String name, RunDiff.Metric m, int n) {
        out.printf(Locale.ROOT, "%n%s: A %.2f%%, B %.2f%%; B - A = %+.2f points (%+d of %,d images), 95%% interval "
                        + "[%+.2f, %+.2f]; McNemar p = %s%n", name, m.accuracyA(), m.accuracyB(), m.difference(),
                m.onlyB() - m.onlyA(), n, m.interval().low(), m.interval().high(), p(m.pValue()));
        out.printf(Locale.ROOT, "  %-10s %10s %10s%n", "", "B right", "B wrong");
        out.printf(Locale.ROOT, "  %-10s %,10d %,10d%n", "A right", m.both(), m.onlyA());
        out.printf(Locale.ROOT, "  %-10s %,10d %,10d%n", "A wrong", m.onlyB(), m.neither());
        out.println("  " + (m.onlyA() + m.onlyB() == 0 ? "no image changed"
                : m.significant(dev.zoo.results.Stats.ALPHA) ? "the difference is significant at 5% (not the "
                + "chance of balanced flips)" : "not significant at 5%: flips this balanced happen by chance"));
    }

    private static String p(double p) {
        return p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    private static String conf(float c) {
        return Float.isNaN(c) ? "-" : String.format(Locale.ROOT, "%.3f", c);
    }
}
