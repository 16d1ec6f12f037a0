package dev.zoo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.core.Sha256;
import dev.zoo.evaluator.eval.TopK;
import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.CatalogLoader;
import dev.zoo.metadata.CatalogSource;
import dev.zoo.metadata.arch.Architecture;
import dev.zoo.metadata.arch.ResNetArchitecture;
import dev.zoo.networks.Fixtures;
import dev.zoo.networks.TorchSave;
import dev.zoo.networks.tensors.Tensor;
import dev.zoo.registry.FaultyHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * timm's model cards evaluate end to end with the packaged {@code zoo}: cards naming timm models by ID, their
 * checkpoints served over loopback in each format Zoo reads (torch.save's zip and legacy formats, wrapped in training
 * state, safetensors; weights made by the fixtures' rule), pulled and checked against their names' digits, built as
 * timm builds them, evaluated on two real JPEGs: the stored predictions equal timm's forward (the fixtures' logits).
 * And at another size than the card's, recorded as such and never beside the card's claim.
 */
class TimmCardsIT {

    @TempDir
    Path tmp;

    FaultyHttpServer server;
    ZooProcess zoo;
    Path data;
    final ObjectMapper json = new ObjectMapper();
    JsonNode manifest;

    @BeforeEach
    void setUp() throws Exception {
        server = new FaultyHttpServer();
        zoo = new ZooProcess(tmp.resolve("home"));
        manifest = json.readTree(Fixtures.bytes("timm/manifest.json"));
        // the fixture images as a folder, one class each, in the order the logits were computed
        data = Files.createDirectories(tmp.resolve("data"));
        List<String> images = List.of(manifest.get("images").get(0).asText(), manifest.get("images").get(1).asText());
        for (int i = 0; i < images.size(); i++) {
            Path dir = Files.createDirectories(data.resolve("class_" + i));
            Files.copy(Fixtures.path("preprocess/" + images.get(i)), dir.resolve(images.get(i)));
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    /** How a format writes a file of the model's rule weights. */
    interface Writer {
        void write(Path file, List<Tensor> tensors) throws Exception;
    }

    /** Serves the model's rule weights in a format and returns its card (the recipe as timm's config gives it). */
    private String card(String id, String fileName, Writer writer) throws Exception {
        Catalog probe = new CatalogLoader().load(new CatalogSource.Text("probe.yml", "Models:\n- Name: " + id
                + "\n  Weights: https://example.org/x.pth\n"));
        Architecture arch = probe.find(id).orElseThrow().architecture().orElseThrow();
        Path file = tmp.resolve(id + "-weights");
        writer.write(file, TorchSave.ruled(((ResNetArchitecture) arch).layout().tensors()));
        byte[] bytes = Files.readAllBytes(file);
        String name = fileName.replace("SHA", Sha256.hex(bytes).substring(0, 8));
        server.put("/timm/" + name, bytes);
        JsonNode m = manifest.get("models").get(id);
        return """
                - Name: %s
                  Metadata:
                    ID: %s
                    Image Size: %d
                    Crop Pct: %s
                    Interpolation: %s
                  Weights: %s
                  Results:
                  - Task: Image Classification
                    Dataset: ImageNet
                    Metrics: {Top 1 Accuracy: 69.7}
                """.formatted(id, id, m.get("input_size").get(2).asInt(), m.get("crop_pct").asText(),
                m.get("interpolation").asText(), server.uri("/timm/" + name));
    }

    /** The predictions of a run against timm's logits: the same top-5, each logit within 1e-4 of the largest. */
    private void assertEqualsTimm(String key, Path predictions) throws Exception {
        float[] expected = Fixtures.npy("timm/" + manifest.get("models").get(key).get("logits").asText()).data();
        List<String> rows = Files.readAllLines(predictions);
        assertThat(rows).hasSize(3);
        for (int i = 0; i < 2; i++) {
            String[] f = rows.get(1 + i).split(",");
            // file,label,top1..top5,logit1..logit5,confidence; the images are in name order: class_0, class_1
            int[] want = TopK.indices(expected, i * 1000, 1000, 5);
            double largest = 0;
            for (int k = 0; k < 1000; k++) {
                largest = Math.max(largest, Math.abs(expected[i * 1000 + k]));
            }
            for (int k = 0; k < 5; k++) {
                assertThat(Integer.parseInt(f[2 + k])).as("%s image %d top-%d", key, i, k + 1).isEqualTo(want[k]);
                double logit = Double.parseDouble(f[7 + k]);
                assertThat(Math.abs(logit - expected[i * 1000 + want[k]]) / largest).as("%s image %d logit %d", key,
                        i, k + 1).isLessThan(1e-4);
            }
        }
    }

    @Test
    void cardsEvaluateFromEveryCheckpointFormatToTimmsForward() throws Exception {
        Path catalog = Files.writeString(tmp.resolve("timm-cards.yml"), "Models:\n"
                + card("resnet18", "resnet18-SHA.pth", (f, t) -> TorchSave.zip(f, t, false))
                + card("legacy_seresnet18", "seresnet18-SHA.pth", (f, t) -> TorchSave.legacy(f, t, true))
                + card("ecaresnet26t", "ecaresnet26t.safetensors", TorchSave::safetensors));
        ZooProcess.Result list = zoo.run("list", "--catalog", catalog.toString(), "--no-builtin-catalog", "--json");
        assertThat(list.exit()).as(list.toString()).isZero();
        for (JsonNode m : json.readTree(list.out())) {
            assertThat(m.get("notEvaluable").isNull()).as(m.toString()).isTrue();
        }
        // beside a model of a family Zoo does not build, the text listing marks each and counts the reasons
        Path mixed = Files.writeString(tmp.resolve("mixed.yml"), Files.readString(catalog) + """
                - Name: densenet121
                  Weights: https://github.com/rwightman/pytorch-image-models/releases/download/v0.1-weights/densenet121_ra-50efcf5c.pth
                """);
        ZooProcess.Result text = zoo.run("list", "--catalog", mixed.toString(), "--no-builtin-catalog");
        assertThat(text.out()).containsPattern("(?m)^densenet121 .* no +no$").containsPattern("(?m)^resnet18 .* yes ")
                .contains("Zoo cannot evaluate 1 of these 4 models (zoo show ID says why):\n"
                        + "    1  timm architecture DenseNet (timm/models/densenet.py) is not implemented\n");
        for (String id : List.of("resnet18", "legacy_seresnet18", "ecaresnet26t")) {
            Path predictions = tmp.resolve(id + ".csv");
            ZooProcess.Result r = zoo.run("eval", "--catalog", catalog.toString(), id, "--data", data.toString(),
                    "--batch", "2", "--predictions", predictions.toString(), "--json", "-q");
            assertThat(r.exit()).as(r.toString()).isZero();
            JsonNode run = json.readTree(r.out()).get("run");
            assertThat(run.get("provenance").get("runtime").asText()).startsWith(id.startsWith("legacy")
                    ? "legacy SENet (PyTorch checkpoint) on PyTorch" : id.startsWith("eca")
                    ? "ResNet (safetensors) on PyTorch" : "ResNet (PyTorch checkpoint) on PyTorch");
            assertEqualsTimm(id, predictions);
        }
        ZooProcess.Result show = zoo.run("show", "--catalog", catalog.toString(), "resnet18");
        assertThat(show.out()).contains("timm's ResNet (timm/models/resnet.py), basic blocks [2, 2, 2, 2]",
                "11,689,512 parameters", "the sha256 digits of its file name");

        // another size: the recipe follows, is recorded, and the run never stands beside the card's claim
        Path at288 = tmp.resolve("resnet18-288.csv");
        ZooProcess.Result big = zoo.run("eval", "--catalog", catalog.toString(), "resnet18", "--data",
                data.toString(), "--batch", "2", "--image-size", "288", "--predictions", at288.toString(), "--json",
                "-q");
        assertThat(big.exit()).as(big.toString()).isZero();
        JsonNode doc = json.readTree(big.out());
        JsonNode run = doc.get("run");
        assertThat(run.get("provenance").get("recipe").asText()).startsWith("crop 288 (resize 329, crop_pct 0.875");
        assertThat(run.get("provenance").get("recipeChange").asText()).isEqualTo("image size 288 (the card's 224)");
        assertThat(doc.get("scope").asText()).isEqualTo("at another recipe than the card's (image size 288 (the "
                + "card's 224)): a folder of 2 images, complete");
        assertThat(doc.get("comparableWithClaims").asBoolean()).isFalse();
        assertEqualsTimm("resnet18@288", at288);
    }

    @Test
    void aFileWhoseSha256DoesNotStartWithItsNamesDigitsIsRefused() throws Exception {
        Path catalog = Files.writeString(tmp.resolve("liar.yml"), "Models:\n"
                + card("resnet18", "resnet18-0123abcd.pth", (f, t) -> TorchSave.zip(f, t, false)));
        ZooProcess.Result r = zoo.run("pull", "--catalog", catalog.toString(), "resnet18", "-q");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("its file name resnet18-0123abcd.pth carries 0123abcd, the digits its sha256 "
                + "must start with").contains("moved to").doesNotContain("Exception");
        assertThat(tmp.resolve("home/weights/resnet18/resnet18-0123abcd.pth")).doesNotExist();

        // a file cut short where it was published (nothing to check it against): the reader names the file and the
        // damage in one line; the run is recorded as failed, with nothing scored
        Path cut = Files.writeString(tmp.resolve("cut.yml"), "Models:\n"
                + card("resnet18", "resnet18-cut.pth", (f, t) -> {
                    TorchSave.zip(f, t, false);
                    byte[] whole = Files.readAllBytes(f);
                    Files.write(f, Arrays.copyOf(whole, whole.length / 2));
                }));
        ZooProcess.Result e = zoo.run("eval", "--catalog", cut.toString(), "resnet18", "--data", data.toString(), "-q");
        assertThat(e.exit()).as(e.toString()).isEqualTo(1);
        assertThat(e.err().strip()).contains("resnet18-cut.pth").doesNotContain("\n", "Exception");
        JsonNode failed = json.readTree(zoo.run("runs", "--json").out()).get("runs").get(0);
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("scope").get("scored").asInt()).isZero();
    }
}
