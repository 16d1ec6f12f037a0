package dev.zoo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.metadata.DefaultCatalog;
import dev.zoo.registry.FaultyHttpServer;
import dev.zoo.core.Sha256;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code zoo} executable end to end: output, JSON, exit codes, and pulls from a loopback server. */
class ZooCliIT {

    @TempDir
    Path tmp;

    Path home;
    ZooProcess zoo;
    FaultyHttpServer server;
    byte[] weights;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() throws Exception {
        home = tmp.resolve("home");
        zoo = new ZooProcess(home);
        server = new FaultyHttpServer();
        weights = new byte[2_000_003];
        new Random(7).nextBytes(weights);
        server.put("/models/tiny.npz", weights);
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    private Path catalog(String sha256) throws Exception {
        String yaml = """
                Collections:
                - Name: Tiny
                  Paper:
                    Title: A tiny test network
                    URL: https://example.org/paper
                Models:
                - Name: tiny_net
                  In Collection: Tiny
                  Metadata:
                    ID: tiny_net
                    File Size: %d
                    Image Size: 64
                  Weights: %s
                """.formatted(weights.length, server.uri("/models/tiny.npz"))
                + (sha256 == null ? "" : "  SHA256: " + sha256 + "\n");
        return Files.writeString(tmp.resolve("tiny.yml"), yaml);
    }

    @Test
    void listShowsTheSixSeedModelsWithTheirClaims() throws Exception {
        ZooProcess.Result r = zoo.run("list");
        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).startsWith("ID").contains("TOP-1", "TOP-5", "EVAL", "CACHED");
        assertThat(lines.get(1)).matches("resnetv2_50x1_bitm +25\\.55M +480 +80\\.19 +95\\.63 +yes +no");
        assertThat(lines.get(2)).contains("resnetv2_50x3_bitm", "83.75", "97.12");
        assertThat(lines.get(3)).contains("resnetv2_101x1_bitm", "82.21", "96.47");
        assertThat(lines.get(4)).contains("resnetv2_101x3_bitm", "84.38", "97.37");
        assertThat(lines.get(5)).contains("resnetv2_152x2_bitm", "84.40", "97.43");
        assertThat(lines.get(6)).contains("resnetv2_152x4_bitm", "84.95", "97.45");
        assertThat(r.err()).isEmpty();

        JsonNode rows = json.readTree(zoo.run("list", "--json").out());
        assertThat(rows).hasSize(6);
        assertThat(rows.get(0).get("id").asText()).isEqualTo("resnetv2_50x1_bitm");
        assertThat(rows.get(0).get("top1").asDouble()).isEqualTo(80.19);
        assertThat(rows.get(0).get("parameters").asLong()).isEqualTo(25_550_000L);
    }

    @Test
    void showPrintsTheWholeCardAndUnknownIdsGetSuggestions() throws Exception {
        ZooProcess.Result r = zoo.run("show", "resnetv2_50x3_bitm");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Big Transfer (BiT): General Visual Representation Learning",
                "BiT-M-R50x3-ILSVRC2012.npz", "869,321,580 bytes", "Top 1 Accuracy 83.75%", "@misc{kolesnikov2020big",
                "resnetv2 [3, 4, 6, 3], width x3");
        assertThat(r.out()).containsPattern("Cached +no \\(zoo pull resnetv2_50x3_bitm\\)")
                .containsPattern("Weight Decay +0\\.0001");

        ZooProcess.Result typo = zoo.run("show", "resnetv2_50x3_bit");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("unknown model 'resnetv2_50x3_bit'; did you mean resnetv2_50x3_bitm");
        ZooProcess.Result command = zoo.run("lsit");
        assertThat(command.exit()).isEqualTo(2);
        assertThat(command.err()).contains("'lsit'; did you mean zoo list or zoo lint?");
        ZooProcess.Result empty = zoo.run("runs");
        assertThat(empty.out()).isEqualTo("no runs yet (zoo eval MODEL)\n");   // no header over nothing

        JsonNode card = json.readTree(zoo.run("show", "resnetv2_50x1_bitm", "--json").out());
        assertThat(card.at("/model/metadata/fileSize").asLong()).isEqualTo(102_242_668L);
        assertThat(card.at("/architectureParameters").asLong()).isEqualTo(25_549_352L);
    }

    @Test
    void lintAcceptsTheSeedAndRejectsBadFilesWithPositions() throws Exception {
        Path seed = tmp.resolve("big-transfer.md");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(DefaultCatalog.RESOURCE)) {
            Files.write(seed, in.readAllBytes());
        }
        ZooProcess.Result ok = zoo.run("lint", seed.toString());
        assertThat(ok.exit()).as(ok.toString()).isZero();
        // its only warnings: FLOPs that are neither the networks' multiply-adds nor twice them
        assertThat(ok.out()).contains("0 error(s), 6 warning(s)", "6 model(s) in 1 file(s)",
                "FLOPs 5,330,896 fit neither");

        Path bad = Files.writeString(tmp.resolve("bad.yml"), "Models:\n- Name: x\n  Metadata:\n    Crop Pct: 2\n");
        ZooProcess.Result fail = zoo.run("lint", bad.toString());
        assertThat(fail.exit()).isEqualTo(1);
        assertThat(fail.out()).contains(bad + ":4:15: error: Crop Pct must be in (0, 1], found 2.0");

        Path warn = Files.writeString(tmp.resolve("warn.yml"), "Models:\n- Name: resnetv2_50x1_bitm\n  Metadata:\n"
                + "    ID: resnetv2_50x1_bitm\n    Parameters: 30000000\n");
        assertThat(zoo.run("lint", warn.toString()).exit()).isZero();
        ZooProcess.Result strict = zoo.run("lint", "--strict", warn.toString());
        assertThat(strict.exit()).isEqualTo(1);
        assertThat(strict.out()).contains(warn + ":5:17: warning: resnetv2_50x1_bitm: Parameters 30,000,000");

        // one bad model costs only itself: the rest loads, and what was left out is said once on stderr
        ZooProcess.Result partly = zoo.run("list", "--catalog", bad.toString());
        assertThat(partly.exit()).as(partly.toString()).isZero();
        assertThat(partly.out()).contains("resnetv2_50x1_bitm").doesNotContain("\nx ");
        assertThat(partly.err()).contains("catalogue: 1 model left out for errors (6 model(s) loaded):",
                "model 'x' (" + bad + ":2:3): Crop Pct must be in (0, 1], found 2.0", "zoo lint " + bad);
        ZooProcess.Result show = zoo.run("show", "x", "--catalog", bad.toString());
        assertThat(show.exit()).isEqualTo(2);
        assertThat(show.err()).contains("model 'x' is left out of the catalogue");
        ZooProcess.Result strictCatalog = zoo.run("list", "--strict-catalog", "--catalog", bad.toString());
        assertThat(strictCatalog.exit()).isEqualTo(2);
        assertThat(strictCatalog.err()).contains("--strict-catalog", bad + ":4:15: error: Crop Pct");
        assertThat(zoo.env("ZOO_STRICT_CATALOG", "1").run("list", "--catalog", bad.toString()).exit()).isEqualTo(2);
        zoo.env("ZOO_STRICT_CATALOG", "0");
        ZooProcess.Result without = zoo.env("ZOO_BUILTIN_CATALOG", "0").run("list", "--catalog", warn.toString());
        zoo.env("ZOO_BUILTIN_CATALOG", "1");
        assertThat(without.exit()).as(without.toString()).isZero();
        assertThat(without.out()).contains("resnetv2_50x1_bitm").doesNotContain("resnetv2_50x3_bitm");
    }

    /**
     * The model-index format's last corners, each in a small catalogue written for it: Models as one glob, Metadata as
     * a list of mappings, an Import of a file that does not exist beside two that do. Lint says where; list shows
     * every model they hold.
     */
    @Test
    void modelsGlobMetadataListsAndAMissingImportLintWithPositionsAndListEveryModel() throws Exception {
        Path glob = Files.createDirectories(tmp.resolve("glob/models"));
        Files.writeString(glob.resolve("one.yml"), "Models:\n- Name: glob_one\n  Weights: https://x.org/1.onnx\n");
        Files.writeString(glob.resolve("two.yml"), "Models:\n- Name: glob_two\n  Weights: https://x.org/2.onnx\n");
        Path globIndex = Files.writeString(tmp.resolve("glob/model-index.yml"), "Models: models/*.yml\n");
        Path lists = Files.writeString(tmp.resolve("lists.yml"), """
                Models:
                - Name: listed
                  Metadata:
                  - Training Data: ImageNet
                    Epochs: 90
                  - Epochs: 100
                  Weights: https://x.org/listed.onnx
                """);
        Path imports = Files.createDirectories(tmp.resolve("imports"));
        Files.writeString(imports.resolve("a.yml"), "Models:\n- Name: imported_a\n  Weights: https://x.org/a.onnx\n");
        Files.writeString(imports.resolve("b.yml"), "Models:\n- Name: imported_b\n  Weights: https://x.org/b.onnx\n");
        Path importIndex = Files.writeString(imports.resolve("model-index.yml"),
                "Import:\n- a.yml\n- noexist.json\n- b.yml\n");

        ZooProcess.Result globLint = zoo.run("lint", globIndex.toString());
        assertThat(globLint.exit()).as(globLint.toString()).isZero();
        assertThat(globLint.out()).contains("2 model(s) in 1 file(s)");
        ZooProcess.Result listLint = zoo.run("lint", "--strict", lists.toString());
        assertThat(listLint.exit()).isEqualTo(1);
        assertThat(listLint.out()).contains(lists + ":6:5: warning: Metadata items give 'Epochs' twice, '90' (line "
                + "5) and '100': the later is taken");
        ZooProcess.Result importLint = zoo.run("lint", importIndex.toString());
        assertThat(importLint.exit()).isEqualTo(1);
        assertThat(importLint.out()).contains(importIndex + ":3:3: error: Import 'noexist.json' matches no file");

        ZooProcess.Result list = zoo.run("list", "--no-builtin-catalog", "--catalog", globIndex.toString(),
                "--catalog", lists.toString(), "--catalog", importIndex.toString());
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.out().lines().skip(1).map(l -> l.split(" +")[0]).toList())
                .containsExactlyInAnyOrder("glob_one", "glob_two", "listed", "imported_a", "imported_b");
        assertThat(list.err()).contains("catalogue: 1 import left out for errors (5 model(s) loaded):",
                "import 'noexist.json' (" + importIndex + ":3:3): Import 'noexist.json' matches no file");
    }

    @Test
    void pullResumesAfterADroppedConnectionThenVerifiesCachesAndLists() throws Exception {
        Path cat = catalog(null);
        server.fault(FaultyHttpServer.Fault.DROP_ONCE);
        ZooProcess.Result pull = zoo.run("pull", "--catalog", cat.toString(), "tiny_net");
        assertThat(pull.exit()).as(pull.toString()).isZero();
        assertThat(pull.out()).contains("tiny_net: downloaded and verified, 2,000,003 bytes, sha256 "
                + Sha256.hex(weights) + " (pin: first-download)");
        assertThat(pull.err()).contains("retrying").contains("continuing at");
        assertThat(Files.readAllBytes(home.resolve("weights/tiny_net/tiny.npz"))).isEqualTo(weights);

        JsonNode again = json.readTree(zoo.run("pull", "--catalog", cat.toString(), "tiny_net", "--json").out());
        assertThat(again.get(0).get("status").asText()).isEqualTo("cached");

        assertThat(zoo.run("list", "--catalog", cat.toString()).out()).containsPattern("tiny_net .* yes");
        assertThat(zoo.run("verify", "--catalog", cat.toString()).out()).contains("tiny_net", "ok");
        // one way to write a file in JSON: the path a shell takes, in verify as in cache ls
        JsonNode verified = json.readTree(zoo.run("verify", "--catalog", cat.toString(), "--json").out()).get(0);
        assertThat(verified.get("path").asText()).isEqualTo(home.resolve("weights/tiny_net/tiny.npz").toString())
                .isEqualTo(json.readTree(zoo.run("cache", "ls", "--json").out()).get(0).get("path").asText());
        assertThat(zoo.run("cache", "ls").out()).containsPattern("tiny_net +2,000,003 +cached ");

        // tampering is caught by verify, reported with exit 1 and the file moved aside
        byte[] tampered = weights.clone();
        tampered[5] ^= 1;
        Files.write(home.resolve("weights/tiny_net/tiny.npz"), tampered);
        ZooProcess.Result verify = zoo.run("verify", "--catalog", cat.toString(), "tiny_net");
        assertThat(verify.exit()).isEqualTo(1);
        assertThat(verify.out()).contains("mismatch", "moved to " + home.resolve("quarantine/tiny_net"));
        assertThat(home.resolve("weights/tiny_net/tiny.npz")).doesNotExist();

        ZooProcess.Result rm = zoo.run("cache", "rm", "tiny_net", "--unpin");
        assertThat(rm.out()).contains("pin forgotten");
    }

    @Test
    void aFileNothingVouchesForIsNeverTrustedAndGcCleansTheCache() throws Exception {
        Path cat = catalog(null);
        // a file in a fresh cache that Zoo did not download, with no SHA256 in the catalogue
        Path planted = Files.createDirectories(home.resolve("weights/tiny_net")).resolve("tiny.npz");
        Files.write(planted, weights);
        ZooProcess.Result verify = zoo.run("verify", "--catalog", cat.toString());
        assertThat(verify.exit()).as(verify.toString()).isEqualTo(1);
        assertThat(verify.out()).contains("tiny_net", "unknown provenance", "no download of tiny.npz was recorded");
        assertThat(zoo.run("cache", "ls").out()).contains("unknown provenance").doesNotContain("cached");
        assertThat(zoo.run("verify", "--catalog", cat.toString()).exit()).isEqualTo(1);   // still not pinned
        // a pull does not adopt it: it is moved aside, saying so even when quiet, and the real file downloaded
        ZooProcess.Result pull = zoo.run("pull", "-q", "--catalog", cat.toString(), "tiny_net");
        assertThat(pull.exit()).as(pull.toString()).isZero();
        assertThat(pull.err()).contains("unknown provenance", "downloading afresh");
        assertThat(pull.out()).contains("downloaded and verified");

        // verify covers every cached file, also of models no loaded catalogue names
        Path orphan = Files.createDirectories(home.resolve("weights/retired_net")).resolve("old.npz");
        Files.write(orphan, new byte[1234]);
        ZooProcess.Result all = zoo.run("verify", "--catalog", cat.toString());
        assertThat(all.out()).contains("tiny_net", "retired_net", "no loaded catalogue names retired_net");

        // gc: a stale partial download, the quarantined file and the orphan; a dry run first
        Path stale = home.resolve("weights/tiny_net/next.npz.part");
        Files.write(stale, new byte[100]);
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofDays(30))));
        Path fresh = Files.write(home.resolve("weights/tiny_net/other.npz.part"), new byte[10]);
        ZooProcess.Result dry = zoo.run("cache", "gc", "--catalog", cat.toString());
        assertThat(dry.exit()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("quarantined: unknown provenance, never verified")
                .doesNotContain("failed verification");
        assertThat(dry.out()).contains("next.npz.part", "old.npz", "quarantine", "dry run: 3 file(s), "
                + String.format("%,d", 100 + 1234 + weights.length) + " bytes").doesNotContain("other.npz.part");
        assertThat(stale).exists();
        ZooProcess.Result gc = zoo.run("cache", "gc", "--catalog", cat.toString(), "--delete", "--json");
        assertThat(gc.exit()).as(gc.toString()).isZero();
        assertThat(json.readTree(gc.out())).hasSize(3);
        assertThat(stale).doesNotExist();
        assertThat(orphan.getParent()).doesNotExist();
        assertThat(fresh).exists();
        assertThat(home.resolve("weights/tiny_net/tiny.npz")).exists();
        assertThat(zoo.run("cache", "gc", "--older-than", "1x").exit()).isEqualTo(2);
    }

    @Test
    void aByteIdenticalFileMatchingTheCataloguePinIsAdoptedWithANoteNotDownloadedAgain() throws Exception {
        Path cat = catalog(Sha256.hex(weights));
        Files.write(Files.createDirectories(home.resolve("weights/tiny_net")).resolve("tiny.npz"), weights);
        ZooProcess.Result pull = zoo.run("pull", "-q", "--catalog", cat.toString(), "tiny_net");
        assertThat(pull.exit()).as(pull.toString()).isZero();
        assertThat(pull.err().strip()).isEqualTo("tiny_net: adopted the cached tiny.npz: its size and sha256 match "
                + "the catalogue's");
        assertThat(server.requests()).isZero();
        assertThat(zoo.run("cache", "ls").out()).containsPattern("tiny_net +2,000,003 +cached ");
        assertThat(zoo.run("verify", "--catalog", cat.toString(), "tiny_net").out()).contains("ok");
    }

    @Test
    void aCorruptedDownloadFailsWithExit1AndIsNeverCached() throws Exception {
        Path cat = catalog(Sha256.hex(weights));
        server.fault(FaultyHttpServer.Fault.CORRUPT_BYTE);
        ZooProcess.Result r = zoo.run("pull", "-q", "--catalog", cat.toString(), "tiny_net");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("tiny_net has sha256", "but the catalogue's SHA256");
        assertThat(home.resolve("weights/tiny_net/tiny.npz")).doesNotExist();
        try (Stream<Path> q = Files.list(home.resolve("quarantine/tiny_net"))) {
            assertThat(q.count()).isEqualTo(1);
        }
    }

    @Test
    void offlineModeSaysWhatIsMissingWithExit3() throws Exception {
        Path cat = catalog(null);
        ZooProcess.Result r = zoo.env("ZOO_OFFLINE", "1").run("pull", "--catalog", cat.toString(), "tiny_net");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("tiny_net is not in the cache and ZOO_OFFLINE=1 forbids downloading it");
        assertThat(server.requests()).isZero();
    }

    @Test
    void persistentServerErrorsEndWithExit3() throws Exception {
        server.fault(FaultyHttpServer.Fault.UNAVAILABLE_ALWAYS);
        ZooProcess.Result r = zoo.run("pull", "-q", "--catalog", catalog(null).toString(), "tiny_net");
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("HTTP 503");
    }

    @Test
    void usageErrorsExitWith2AndCompletionIsAvailable() throws Exception {
        assertThat(zoo.run("frobnicate").exit()).isEqualTo(2);
        assertThat(zoo.run("pull").exit()).isEqualTo(2);
        ZooProcess.Result completion = zoo.run("completion");
        assertThat(completion.exit()).isZero();
        assertThat(completion.out()).contains("complete -F", "zoo");
        assertThat(zoo.run("--help").out()).contains("Exit codes: 0 ok, 1 a check failed, 2 usage, 3 I/O or network.");
    }
}
