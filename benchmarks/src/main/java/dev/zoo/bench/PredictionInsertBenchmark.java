package dev.zoo.bench;

import dev.zoo.core.Database;
import dev.zoo.results.Prediction;
import dev.zoo.results.Provenance;
import dev.zoo.results.Run;
import dev.zoo.results.RunRepository;
import dev.zoo.results.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How fast a run's predictions reach the database the way an evaluation writes them (a batch per transaction, with the
 * progress update), against the same rows in one transaction of batched inserts (the best a JDBC writer does); for
 * {@code bench/predictions-bench.sh}. Not part of Zoo's command line.
 *
 * <p>usage: PredictionInsertBenchmark JDBC_URL USER PASSWORD [ROWS=50000] [BATCH=64]
 */
public final class PredictionInsertBenchmark {

    private PredictionInsertBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int rows = args.length > 3 ? Integer.parseInt(args[3]) : 50_000;
        int batch = args.length > 4 ? Integer.parseInt(args[4]) : 64;
        List<Prediction> predictions = new ArrayList<>(rows);
        Random r = new Random(1);
        for (int i = 0; i < rows; i++) {
            predictions.add(new Prediction(i, String.format(Locale.ROOT, "n%08d/ILSVRC2012_val_%08d.JPEG", i % 1000,
                    i + 1), r.nextInt(1000), new int[]{r.nextInt(1000), r.nextInt(1000), r.nextInt(1000),
                    r.nextInt(1000), r.nextInt(1000)}, new float[]{r.nextFloat(), r.nextFloat(), r.nextFloat(),
                    r.nextFloat(), r.nextFloat()}));
        }
        try (Database db = Database.open(url, args[1], args[2].isEmpty() ? null : args[2])) {
            RunRepository runs = new RunRepository(db);
            Scope scope = new Scope("ImageNet", "/bench", "0".repeat(64), null, null, rows, rows, 0, 0, false);
            Provenance p = Provenance.of("bench", "cpu");
            // warm-up: JIT and connections
            long warm = runs.start(new Run(null, "bench", Run.Status.RUNNING, scope, p, null, null, null, null, null,
                    null, null, List.of()));
            runs.recordBatch(warm, predictions.subList(0, Math.min(rows, 2000)), 0, 0);

            long zoo = runs.start(new Run(null, "bench", Run.Status.RUNNING, scope, p, null, null, null, null, null,
                    null, null, List.of()));
            long t0 = System.nanoTime();
            for (int i = 0; i < rows; i += batch) {
                runs.recordBatch(zoo, predictions.subList(i, Math.min(rows, i + batch)), Math.min(rows, i + batch),
                        0);
            }
            double zooSeconds = (System.nanoTime() - t0) / 1e9;

            long ref = runs.start(new Run(null, "bench", Run.Status.RUNNING, scope, p, null, null, null, null, null,
                    null, null, List.of()));
            long t1 = System.nanoTime();
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO predictions (run_id, ordinal, name, "
                        + "label, top1, top2, top3, top4, top5, logit1, logit2, logit3, logit4, logit5) VALUES (?, ?, "
                        + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (Prediction x : predictions) {
                        ps.setLong(1, ref);
                        ps.setInt(2, x.ordinal());
                        ps.setString(3, x.name());
                        ps.setInt(4, x.label());
                        for (int k = 0; k < 5; k++) {
                            ps.setInt(5 + k, x.top()[k]);
                            ps.setFloat(10 + k, x.logits()[k]);
                        }
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
            }
            double refSeconds = (System.nanoTime() - t1) / 1e9;
            System.out.printf(Locale.ROOT, "%s: %,d predictions, a transaction per batch of %d with progress: "
                            + "%.2f s = %,.0f rows/s; all in one transaction: %.2f s = %,.0f rows/s; ratio %.2fx%n",
                    url.substring(0, url.indexOf(':', 5)), rows, batch, zooSeconds, rows / zooSeconds, refSeconds,
                    rows / refSeconds, refSeconds / zooSeconds);
        }
    }
}
