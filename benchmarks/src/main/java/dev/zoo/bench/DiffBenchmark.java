package dev.zoo.bench;

import dev.zoo.core.Database;
import dev.zoo.results.Prediction;
import dev.zoo.results.Provenance;
import dev.zoo.results.Run;
import dev.zoo.results.RunDiff;
import dev.zoo.results.RunRepository;
import dev.zoo.results.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code zoo diff} of two 50,000-image runs: reading both runs' predictions from the database, against reading them and
 * comparing them image by image (tables, intervals, McNemar, the flips sorted), medians of several rounds; for
 * {@code bench/diff-bench.sh}. Not part of Zoo's command line.
 *
 * <p>usage: DiffBenchmark JDBC_URL USER PASSWORD [ROWS=50000] [ROUNDS=7]
 */
public final class DiffBenchmark {

    private DiffBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 3 ? Integer.parseInt(args[3]) : 50_000;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 7;
        try (Database db = Database.open(args[0], args[1], args[2].isEmpty() ? null : args[2])) {
            RunRepository runs = new RunRepository(db);
            Scope scope = new Scope("ImageNet", "/bench", "0".repeat(64), null, null, rows, rows, rows, 0, true);
            long a = store(runs, scope, rows, 1);
            long b = store(runs, scope, rows, 2);
            double[] read = new double[rounds];
            double[] diff = new double[rounds];
            RunDiff d = null;
            for (int k = 0; k < rounds; k++) {
                long t0 = System.nanoTime();
                Run ra = runs.find(a).orElseThrow();
                Run rb = runs.find(b).orElseThrow();
                List<Prediction> pa = runs.predictions(a);
                List<Prediction> pb = runs.predictions(b);
                long t1 = System.nanoTime();
                d = RunDiff.of(ra, pa, rb, pb, 20);
                long t2 = System.nanoTime();
                read[k] = (t1 - t0) / 1e9;
                diff[k] = (t2 - t0) / 1e9;
            }
            java.util.Arrays.sort(read);
            java.util.Arrays.sort(diff);
            double r = read[rounds / 2];
            double all = diff[rounds / 2];
            System.out.printf(Locale.ROOT, "%,d images: reading both runs %.3f s, zoo diff (reading and comparing) "
                    + "%.3f s (medians of %d): %.2fx reading; %d flips at top-1, McNemar p = %.3g%n", rows, r, all,
                    rounds, all / r, d.flipCount(), d.top1().pValue());
        }
    }

    /** A run of random predictions, 80 % right at top-1, seeded so the two runs differ on some images. */
    private static long store(RunRepository runs, Scope scope, int rows, int seed) {
        long id = runs.start(new Run(null, "bench", Run.Status.RUNNING, scope, Provenance.of("bench", "cpu"), null,
                null, null, null, null, null, null, List.of()));
        Random r = new Random(seed);
        List<Prediction> batch = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int label = i % 1000;
            int top1 = r.nextDouble() < 0.8 ? label : (label + 1 + r.nextInt(999)) % 1000;
            batch.add(new Prediction(i, String.format(Locale.ROOT, "n%08d/ILSVRC2012_val_%08d.JPEG", label, i + 1),
                    label, new int[]{top1, (label + 2) % 1000, 3, 4, 5}, new float[]{9, 8, 7, 6, 5}, r.nextFloat()));
            if (batch.size() == 1000) {
                runs.recordBatch(id, batch, i + 1, 0);
                batch.clear();
            }
        }
        runs.recordBatch(id, batch, rows, 0);
        return id;
    }
}
