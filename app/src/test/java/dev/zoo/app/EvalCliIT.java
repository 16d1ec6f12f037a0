package dev.zoo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.evaluator.TinyImages;
import dev.zoo.core.Database;
import dev.zoo.core.Sha256;
import dev.zoo.registry.TestDatabases;
import dev.zoo.results.RunRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zoo eval} end to end: the tiny BiT-layout network of the golden fixtures, served over loopback under a
 * generated catalogue entry, on a generated labelled dataset.
 */
class EvalCliIT {

    @TempDir
    Path tmp;

    Path home;
    Path catalog;
    Path data;
    ZooProcess zoo;
    TinyBit tiny;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() throws Exception {
        home = tmp.resolve("home");
        zoo = new ZooProcess(home);
        tiny = new TinyBit();
        catalog = tiny.catalog(tmp.resolve("tiny.yml"), "0.5");
        data = TinyImages.classFolders(tmp.resolve("data"), 10, 3);
    }

    @AfterEach
    void tearDown() throws Exception {
        tiny.close();
    }

    @Test
    void evalPullsVerifiesEvaluatesAndStoresTheRunWithProvenance() throws Exception {
        Path predictions = tmp.resolve("out/predictions.csv");
        ZooProcess.Result r = zoo.run("eval", "--catalog", catalog.toString(), "bit_tiny", "--data", data.toString(),
                "--batch", "4", "--threads", "2", "--predictions", predictions.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("bit_tiny on " + data + ": a folder of 30 images, complete")
                .contains("recipe: crop 64 (resize 73, crop_pct 0.875, bicubic), mean [0.5, 0.5, 0.5]")
                // a folder of generated images is not ImageNet: never set beside the ImageNet claims
                .containsPattern("Folder +Top 1 Accuracy +\\d+\\.\\d\\d +\\d+\\.\\d\\d–\\d+\\.\\d\\d +\\d+/30 +- +-")
                .contains("network: BiT ResNetV2 (.npz) on PyTorch 2.7.1\nrun #1 stored")
                .contains("note: not compared with the catalogue's claims");
        assertThat(r.err()).contains("downloading tiny.npz");
        assertThat(Files.readAllLines(predictions)).hasSize(31).first().asString()
                .isEqualTo("file,label,top1,top2,top3,top4,top5,logit1,logit2,logit3,logit4,logit5,confidence");

        JsonNode card = json.readTree(zoo.run("show", "--catalog", catalog.toString(), "bit_tiny", "--json").out());
        JsonNode run = card.get("runs").get(0);
        assertThat(run.get("status").asText()).isEqualTo("COMPLETED");
        JsonNode scope = run.get("scope");
        assertThat(scope.get("dataset").asText()).isEqualTo("Folder");
        assertThat(scope.get("datasetImages").asInt()).isEqualTo(30);
        assertThat(scope.get("scored").asInt()).isEqualTo(30);
        assertThat(scope.get("skipped").asInt()).isZero();
        assertThat(scope.get("complete").asBoolean()).isTrue();
        assertThat(scope.get("fingerprint").asText()).hasSize(64);
        JsonNode provenance = run.get("provenance");
        assertThat(provenance.get("weightsSha256").asText()).isEqualTo(Sha256.hex(tiny.weights));
        assertThat(provenance.get("device").asText()).isEqualTo("cpu");
        assertThat(provenance.get("djlVersion").asText()).isEqualTo("0.36.0");
        assertThat(provenance.get("torchVersion").asText()).startsWith("2.7.1");
        assertThat(run.get("results")).hasSize(2);
        assertThat(run.get("imagesPerSecond").asDouble()).isPositive();
    }

    @Test
    void aKilledEvalIsResumedToTheSameNumbers() throws Exception {
        Path big = TinyImages.classFolders(tmp.resolve("big"), 10, 24);
        ZooProcess.Result full = zoo.run("eval", "--catalog", catalog.toString(), "bit_tiny", "--data", big.toString(),
                "--batch", "2", "--json", "-q");
        assertThat(full.exit()).as(full.toString()).isZero();
        JsonNode expected = json.readTree(full.out()).get("run").get("results");

        // batch 1: many small steps, so the kill lands part-way however fast the machine is
        Process p = zoo.start("eval", "--catalog", catalog.toString(), "bit_tiny", "--data", big.toString(),
                "--batch", "1", "-q");
        try {
            awaitPredictions(2, 40);
        } catch (java.sql.SQLException | dev.zoo.core.DatabaseException lostWithTheProcess) {
            // it ended first: the assertion below says so
        }
        p.destroyForcibly().waitFor();
        int kept = stored(2);
        assertThat(kept).isBetween(40, 239);

        // a killed run sends no more heartbeats: once they are a minute old, it is shown as interrupted
        try (Database db = TestDatabases.h2(home); Connection c = db.connection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE runs SET heartbeat_at = heartbeat_at - INTERVAL '2' MINUTE WHERE id = 2");
        }
        JsonNode interrupted = json.readTree(zoo.run("show", "--catalog", catalog.toString(), "bit_tiny", "--json")
                .out()).get("runs").get(0);
        assertThat(interrupted.get("id").asInt()).isEqualTo(2);
        assertThat(interrupted.get("status").asText()).isEqualTo("INTERRUPTED");
        String printed = "zoo eval --resume 2 --catalog " + catalog;
        assertThat(interrupted.get("error").asText()).endsWith("; " + printed + " continues it");
        assertThat(zoo.run("show", "--catalog", catalog.toString(), "bit_tiny").out())
                .contains("#2                    interrupted").contains("partial:");

        // the command it names, run as printed, continues it with the settings it recorded
        ZooProcess.Result resumed = zoo.shell(printed + " --json");
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        assertThat(resumed.err()).contains("resuming: " + kept + " of 240 images already evaluated");
        JsonNode run = json.readTree(resumed.out()).get("run");
        assertThat(run.get("id").asInt()).isEqualTo(2);
        assertThat(run.get("results")).isEqualTo(expected);
        assertThat(stored(2)).isEqualTo(240);
        ZooProcess.Result done = zoo.shell(printed);
        assertThat(done.exit()).isEqualTo(2);
        assertThat(done.err()).contains("--resume 2: run 2 of bit_tiny is completed (a folder of 240 images, "
                + "complete): nothing to resume");

        ZooProcess.Result nothing = zoo.run("eval", "--catalog", catalog.toString(), "bit_tiny", "--data",
                big.toString(), "--resume");
        assertThat(nothing.exit()).isEqualTo(2);
        assertThat(nothing.err()).contains("--resume: no interrupted run of bit_tiny");
    }

    /**
     * Waits (a minute at most) until the evaluating process has stored {@code n} predictions of run {@code runId},
     * watching through one connection: the process serves the H2 file.
     */
    void awaitPredictions(long runId, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(home.resolve("db")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        try (Database watch = TestDatabases.h2(home); Connection c = watch.connection();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM predictions WHERE run_id = ?")) {
            ps.setLong(1, runId);
            int seen = 0;
            while (seen < n && System.nanoTime() < deadline) {
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    seen = rs.getInt(1);
                }
                Thread.sleep(10);
            }
        }
    }

    /** The predictions of a run the database holds (read while the evaluation writes them). */
    int stored(long runId) throws Exception {
        if (!Files.exists(home.resolve("db"))) {
            return 0;
        }
        try (Database db = TestDatabases.h2(home)) {
            return new RunRepository(db).predictions(runId).size();
        }
    }

    @Test
    void badInputsGetClearErrorsAndExitCodes() throws Exception {
        ZooProcess.Result noData = zoo.run("eval", "--catalog", catalog.toString(), "bit_tiny");
        assertThat(noData.exit()).isEqualTo(2);
        assertThat(noData.err()).contains("pass --data DIR or set ZOO_IMAGENET=DIR");

        Files.write(data.resolve("class_03/broken.jpg"), new byte[]{(byte) 0xFF, (byte) 0xD8, 0, 1});
        // a JPEG cut short: PIL refuses it ("image file is truncated"), so Zoo never scores it
        byte[] whole = Files.readAllBytes(data.resolve("class_04/img_001.jpg"));
        Files.write(data.resolve("class_04/truncated.jpg"), java.util.Arrays.copyOf(whole, whole.length * 2 / 3));
        ZooProcess.Result lenient = zoo.run("eval", "-q", "--catalog", catalog.toString(), "bit_tiny", "--data",
                data.toString());
        assertThat(lenient.exit()).as(lenient.toString()).isZero();
        assertThat(lenient.out()).contains("2 image(s) could not be read and were not scored").contains("broken.jpg")
                .contains("a folder of 32 images, partial: 30 of 32 images scored, 2 unreadable skipped");
        JsonNode skipped = json.readTree(zoo.run("show", "--catalog", catalog.toString(), "bit_tiny", "--json").out())
                .get("runs").get(0);
        assertThat(skipped.get("error").asText()).contains("2 unreadable image(s) skipped");
        assertThat(skipped.get("scope").get("complete").asBoolean()).isFalse();
        ZooProcess.Result strict = zoo.run("eval", "-q", "--catalog", catalog.toString(), "bit_tiny", "--data",
                data.toString(), "--strict");
        assertThat(strict.exit()).isEqualTo(1);
        assertThat(strict.err()).contains("broken.jpg");

        // weights that do not fit the architecture: named key, expected and found shape
        Path wrongNet = Files.writeString(tmp.resolve("wrong.yml"), Files.readString(catalog)
                .replace("Stem Width: 16", "Stem Width: 32").replace("bit_tiny", "bit_wrong"));
        ZooProcess.Result wrong = zoo.run("eval", "-q", "--catalog", wrongNet.toString(), "bit_wrong", "--data",
                data.toString());
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).contains("resnet/root_block/standardized_conv2d/kernel' has shape (7, 7, 3, 16), "
                + "expected (7, 7, 3, 32)");

        // weights whose zip data no longer match their CRC (the sha256 pins the damaged file: a bad mirror)
        byte[] damaged = tiny.weights.clone();
        damaged[damaged.length / 2] ^= 0x01;   // inside some kernel's data
        Path damagedCatalog = tiny.catalog(tmp.resolve("damaged.yml"), "bit_damaged", damaged);
        ZooProcess.Result crc = zoo.run("eval", "-q", "--catalog", damagedCatalog.toString(), "bit_damaged",
                "--data", data.toString());
        assertThat(crc.exit()).as(crc.toString()).isEqualTo(1);
        assertThat(crc.err().strip()).doesNotContain("\n").contains("bit_damaged.npz [").contains("damaged zip");
        JsonNode failed = json.readTree(zoo.run("show", "--catalog", damagedCatalog.toString(), "bit_damaged",
                "--json").out()).get("runs").get(0);
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");

        ZooProcess.Result noNetwork = zoo.run("eval", "--catalog", catalog.toString(), "resnet_unknown");
        assertThat(noNetwork.exit()).isEqualTo(2);
    }

    @Test
    void precisionAutoBatchAndTheFeedingRatesAreChosenShownAndRecorded() throws Exception {
        ZooProcess.Result half = zoo.run("eval", "--catalog", catalog.toString(), "bit_tiny", "--data",
                data.toString(), "--precision", "fp16", "--batch", "auto");
        assertThat(half.exit()).as(half.toString()).isZero();
        assertThat(half.out()).contains("(fp16, batch 32,").contains("is the bottleneck");
        JsonNode run = json.readTree(zoo.run("show", "--catalog", catalog.toString(), "bit_tiny", "--json").out())
                .get("runs").get(0);
        JsonNode provenance = run.get("provenance");
        assertThat(provenance.get("precision").asText()).isEqualTo("fp16");
        assertThat(provenance.get("recipe").asText()).endsWith(", precision fp16");   // not comparable with fp32
        assertThat(provenance.get("batchSize").asInt()).isEqualTo(32);
        assertThat(provenance.get("tf32").isNull()).isTrue();                          // a CPU has no TF32
        assertThat(run.get("throughput").get("decode").asDouble()).isPositive();
        assertThat(run.get("throughput").get("device").asDouble()).isPositive();

        ZooProcess.Result tf32 = zoo.run("eval", "--catalog", catalog.toString(), "bit_tiny", "--data",
                data.toString(), "--precision", "tf32");
        assertThat(tf32.exit()).isEqualTo(2);
        assertThat(tf32.err()).contains("--precision tf32: TF32 is a mode of a GPU's tensor cores");
        ZooProcess.Result bf16 = zoo.run("eval", "--catalog", catalog.toString(), "bit_tiny", "--data",
                data.toString(), "--precision", "bf16");
        assertThat(bf16.exit()).isEqualTo(2);
        assertThat(bf16.err()).contains("cannot make bfloat16 tensors");
        ZooProcess.Result shardAuto = zoo.run("eval", "--catalog", catalog.toString(), "bit_tiny", "--data",
                data.toString(), "--shard", "0/2", "--batch", "auto");
        assertThat(shardAuto.exit()).isEqualTo(2);
        assertThat(shardAuto.err()).contains("--batch auto cannot shard");
        assertThat(zoo.run("eval", "--catalog", catalog.toString(), "bit_tiny", "--precision", "fp64").err())
                .contains("expected one of fp32, tf32, fp16, found 'fp64'");
    }

    @Test
    void aTerminatedEvalIsRecordedAsInterruptedAtOnce() throws Exception {
        // 600 images, about 6 s at batch 1 on two cores: room for the SIGTERM to land while it evaluates
        Path big = TinyImages.classFolders(tmp.resolve("big"), 10, 60);
        Path err = tmp.resolve("eval.err");
        Process p = zoo.start(err, "eval", "--catalog", catalog.toString(), "bit_tiny", "--data", big.toString(),
                "--batch", "1", "-q");
        awaitPredictions(1, 20);
        p.destroy();   // SIGTERM, as a scheduler or Ctrl-C would end it
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(143);
        // it says what stopped and how to go on, and the run keeps the same words for its page
        assertThat(Files.readString(err)).containsPattern("zoo: stopped by SIGTERM: run #1 interrupted at [0-9]+ of "
                + "600 images; zoo eval --resume 1 --catalog " + java.util.regex.Pattern.quote(catalog.toString())
                + " continues it");
        // no heartbeat has gone stale yet: the process itself recorded the interruption before its pool closed
        JsonNode run = json.readTree(zoo.run("show", "--catalog", catalog.toString(), "bit_tiny", "--json").out())
                .get("runs").get(0);
        int kept = stored(1);
        assertThat(run.get("status").asText()).as("%d stored: %s", kept, run).isEqualTo("INTERRUPTED");
        assertThat(run.get("error").asText()).contains("zoo eval --resume 1 --catalog " + catalog + " continues it");
        // --resume with the options it was made with works as before
        ZooProcess.Result resumed = zoo.run("eval", "--catalog", catalog.toString(), "bit_tiny", "--data",
                big.toString(), "--batch", "1", "--resume");
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        assertThat(resumed.err()).contains("resuming: " + kept + " of 600 images already evaluated");
    }

    /**
     * Ctrl-C (SIGINT to the job's process group) mid-run: the interruption and the command that continues it, and
     * nothing after it (the batch in flight is dropped, not reported as a failure to store it, and no progress line
     * follows).
     */
    @Test
    void ctrlCEndsQuietlyWithTheInterruptionAndTheCommand() throws Exception {
        Path big = TinyImages.classFolders(tmp.resolve("big"), 10, 60);
        Path err = tmp.resolve("eval.err");
        Process p = zoo.env("CI", "1").startAsJob(err, "eval", "--catalog", catalog.toString(), "bit_tiny", "--data",
                big.toString(), "--batch", "1");
        awaitPredictions(1, 20);
        Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + p.pid()).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -INT").isTrue();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // PyTorch's own warnings (NNPACK on some CPUs) aside
        java.util.List<String> said = Files.readAllLines(err).stream().filter(l -> !l.startsWith("[W")).toList();
        assertThat(p.exitValue()).as(String.join("\n", said)).isEqualTo(130);
        int stop = said.size() - 1;
        while (stop >= 0 && !said.get(stop).startsWith("zoo: stopped by SIGINT")) {
            stop--;
        }
        assertThat(stop).as(String.join("\n", said)).isNotNegative();
        assertThat(said.get(stop)).matches("zoo: stopped by SIGINT: run #1 interrupted at [0-9]+ of 600 images; "
                + "zoo eval --resume 1 --catalog " + java.util.regex.Pattern.quote(catalog.toString())
                + " continues it");
        assertThat(said.subList(stop + 1, said.size())).as(String.join("\n", said)).isEmpty();
        // only what was stored counts: the resume goes on from there
        int kept = stored(1);
        ZooProcess.Result resumed = zoo.shell("zoo eval --resume 1 --catalog " + catalog);
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        assertThat(resumed.err()).contains("resuming: " + kept + " of 600 images already evaluated");
    }

    @Test
    void aDiskThatFillsUpMidEvalEndsTheRunNamedAndItsResumeGivesTheSameNumbers() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "mounting a small tmpfs needs root (CI runs as root)");
        Path disk = Files.createDirectories(tmp.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", disk.toString())
                .inheritIO().start();
        assertThat(mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0).as("mount tmpfs").isTrue();
        try {
            home = disk.resolve("home");
            zoo = new ZooProcess(home);
            Path big = TinyImages.classFolders(tmp.resolve("big"), 10, 100);
            ZooProcess.Result full = zoo.run("eval", "--catalog", catalog.toString(), "bit_tiny", "--data",
                    big.toString(), "--batch", "8", "--json", "-q");
            assertThat(full.exit()).as(full.toString()).isZero();
            JsonNode expected = json.readTree(full.out()).get("run").get("results");

            Path err = tmp.resolve("eval.err");
            Process p = zoo.start(err, "eval", "--catalog", catalog.toString(), "bit_tiny", "--data",
                    big.toString(), "--batch", "1", "-q");
            awaitPredictions(2, 30);
            Path fill = disk.resolve("fill");
            HostileInputIT.fillUp(fill, Long.MAX_VALUE);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("eval ends once the disk is full").isTrue();
            // PyTorch's own warnings (NNPACK on some CPUs) aside, what Zoo says is one line
            String said = Files.readAllLines(err).stream().filter(l -> !l.startsWith("[W"))
                    .collect(Collectors.joining("\n"));
            assertThat(p.exitValue()).as(said).isEqualTo(3);
            assertThat(said).startsWith("zoo eval: no space left on " + home.resolve("db"))
                    .contains("zoo eval --resume 2 --catalog " + catalog + " continues it once there is room")
                    .doesNotContain("\n").doesNotContain("MVStore").doesNotContain("Exception");

            // recorded at once, not left running until a heartbeat goes stale
            JsonNode run = json.readTree(zoo.run("show", "--catalog", catalog.toString(), "bit_tiny", "--json")
                    .out()).get("runs").get(0);
            assertThat(run.get("id").asInt()).isEqualTo(2);
            assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("INTERRUPTED");
            assertThat(run.get("error").asText()).startsWith("no space left on " + home.resolve("db"));

            Files.delete(fill);
            ZooProcess.Result resumed = zoo.run("eval", "--catalog", catalog.toString(), "bit_tiny", "--data",
                    big.toString(), "--batch", "8", "--resume", "--json", "-q");
            assertThat(resumed.exit()).as(resumed.toString()).isZero();
            JsonNode done = json.readTree(resumed.out()).get("run");
            assertThat(done.get("id").asInt()).isEqualTo(2);
            assertThat(done.get("results")).isEqualTo(expected);
        } finally {
            new ProcessBuilder("umount", "-l", disk.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * A run made with options that decide what it computes (the precision, the labels of a flat folder, a declared
     * dataset, a label map) is continued by the command Zoo prints when it stops, run verbatim: the same numbers and
     * the same predictions, logits bit for bit, as the run that was never interrupted.
     */
    @Test
    void anInterruptedRunResumesByThePrintedCommandToTheUninterruptedNumbers() throws Exception {
        // a flat folder with a Caffe val.txt, declared a folder, in fp16
        Path flat = Files.createDirectories(tmp.resolve("flat"));
        StringBuilder val = new StringBuilder();
        for (int i = 1; i <= 360; i++) {
            String name = String.format("ILSVRC2012_val_%08d.JPEG", i);
            TinyImages.write(flat.resolve(name), 40 + i % 9, 48 + i % 7, i);
            val.append(name).append(' ').append(i % 10).append('\n');
        }
        Path labels = Files.writeString(tmp.resolve("val.txt"), val);
        // labels 0 … 9 in ImageNet's label space: a label map says they are the tiny network's ten outputs
        Path identity = Files.writeString(tmp.resolve("identity.txt"), IntStream.range(0, 10)
                .mapToObj(c -> c + " " + c).collect(Collectors.joining("\n")));
        assertResumesToTheSameRun(1, 360, "--data", flat.toString(), "--labels", labels.toString(), "--dataset",
                "folder", "--label-map", identity.toString(), "--precision", "fp16");
        // class folders whose classes stand for other outputs, the first 330 images
        Path folders = TinyImages.classFolders(tmp.resolve("folders"), 10, 36);
        Path map = Files.writeString(tmp.resolve("map.txt"), IntStream.range(0, 10)
                .mapToObj(c -> String.format("class_%02d %d", c, (c + 3) % 10)).collect(Collectors.joining("\n")));
        assertResumesToTheSameRun(3, 330, "--data", folders.toString(), "--label-map", map.toString(), "--limit",
                "330");
    }

    /**
     * Evaluates with {@code options} (run {@code first}), then again stopped by SIGTERM part-way (run first + 1),
     * then runs the command the stop printed, verbatim, and compares.
     */
    private void assertResumesToTheSameRun(int first, int images, String... options) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("eval", "--catalog",
                catalog.toString(), "bit_tiny", "--batch", "1", "-q"));
        args.addAll(java.util.List.of(options));
        ZooProcess.Result whole = zoo.run(args.toArray(String[]::new));
        assertThat(whole.exit()).as(whole.toString()).isZero();

        Path err = tmp.resolve("stopped-" + first + ".err");
        Process p = zoo.start(err, args.toArray(String[]::new));
        awaitPredictions(first + 1, 30);
        p.destroy();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String said = Files.readString(err);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("interrupted at [0-9,]+ of " + images
                + " images; (zoo eval [^\n]*) continues it").matcher(said);
        assertThat(m.find()).as(said).isTrue();
        assertThat(m.group(1)).isEqualTo("zoo eval --resume " + (first + 1) + " --catalog " + catalog);
        int kept = stored(first + 1);
        assertThat(kept).as(said).isBetween(1, images - 1);

        ZooProcess.Result resumed = zoo.shell(m.group(1) + " --json -q");
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        JsonNode run = json.readTree(resumed.out()).get("run");
        assertThat(run.get("id").asInt()).isEqualTo(first + 1);
        try (Database db = TestDatabases.h2(home)) {
            RunRepository runs = new RunRepository(db);
            dev.zoo.results.Run expected = runs.find(first).orElseThrow();
            dev.zoo.results.Run got = runs.find(first + 1).orElseThrow();
            assertThat(got.results()).isEqualTo(expected.results());
            assertThat(got.provenance().recipe()).isEqualTo(expected.provenance().recipe());
            assertThat(got.provenance().labelMap()).isEqualTo(expected.provenance().labelMap());
            assertThat(got.scope()).isEqualTo(expected.scope());
            java.util.List<dev.zoo.results.Prediction> a = runs.predictions(first);
            java.util.List<dev.zoo.results.Prediction> b = runs.predictions(first + 1);
            assertThat(b).hasSize(images).hasSameSizeAs(a);
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.get(i).name()).isEqualTo(a.get(i).name());
                assertThat(b.get(i).label()).isEqualTo(a.get(i).label());
                assertThat(b.get(i).top()).containsExactly(a.get(i).top());
                assertThat(java.util.Arrays.equals(b.get(i).logits(), a.get(i).logits())).as(a.get(i).name())
                        .isTrue();
            }
        }
    }

    @Test
    void weightsThatDriveTheOutputToInfinityFailTheRunNamingModelAndWeightsFile() throws Exception {
        // every value finite (3e38), so loading accepts them; their sums overflow float32 in the head
        Path huge = tiny.catalog(tmp.resolve("huge.yml"), "bit_huge", withArray(tiny.weights,
                "resnet/head/conv2d/kernel.npy", 3e38f));
        ZooProcess.Result r = zoo.run("eval", "-q", "--catalog", huge.toString(), "bit_huge", "--data",
                data.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).containsPattern("zoo eval: bit_huge with " + java.util.regex.Pattern.quote(
                home.resolve("weights").toString()) + "\\S*: the network's output for \\S+ is not finite "
                + "\\((-)?Infinity for class \\d\\): the weights or the engine are broken");
        JsonNode run = json.readTree(zoo.run("show", "--catalog", huge.toString(), "bit_huge", "--json").out())
                .get("runs").get(0);
        assertThat(run.get("status").asText()).isEqualTo("FAILED");
        assertThat(run.get("error").asText()).startsWith("bit_huge with ");
    }

    /** The zip {@code npz} with every float32 of one array's data set to {@code value}. */
    private static byte[] withArray(byte[] npz, String entry, float value) throws java.io.IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(npz));
             var zip = new java.util.zip.ZipOutputStream(out)) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals(entry)) {
                    var b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                    int header = 10 + Short.toUnsignedInt(b.getShort(8));   // .npy version 1: magic, version, length
                    for (int at = header; at + 4 <= bytes.length; at += 4) {
                        b.putFloat(at, value);
                    }
                }
                zip.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void labelsTheNetworkCannotPredictAreRefusedBeforeAnyImageIsEvaluated() throws Exception {
        // folders 0 … 12 are classes 0 … 12 (in string order folder "10" would be class 2, silently)
        Path numbered = tmp.resolve("numbered");
        for (int c = 0; c <= 12; c++) {
            TinyImages.write(numbered.resolve(c + "/img.jpg"), 30, 30, c);
        }
        ZooProcess.Result r = zoo.run("eval", "-q", "--catalog", catalog.toString(), "bit_tiny", "--data",
                numbered.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("3 of 13 images of " + numbered + " have labels bit_tiny cannot predict (it has "
                + "10 classes, 0 … 9): 3 label(s), e.g. 10/img.jpg is labelled 10 (folder 10)");
        assertThat(home.resolve("weights")).doesNotExist();   // refused before pulling or evaluating anything

        // a label map says which output stands for each class
        Path map = Files.writeString(tmp.resolve("map.txt"), IntStream.rangeClosed(0, 12)
                .mapToObj(c -> c + " " + (c % 10)).collect(Collectors.joining("\n")));
        ZooProcess.Result mapped = zoo.run("eval", "-q", "--catalog", catalog.toString(), "bit_tiny", "--data",
                numbered.toString(), "--label-map", map.toString(), "--json");
        assertThat(mapped.exit()).as(mapped.toString()).isZero();
        assertThat(json.readTree(mapped.out()).get("run").get("provenance").get("labelMap").asText())
                .startsWith(map + " (sha256 ");
    }

}
