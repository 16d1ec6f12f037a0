package dev.zoo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.networks.Fixtures;
import dev.zoo.evaluator.TinyImages;
import dev.zoo.registry.FaultyHttpServer;
import dev.zoo.core.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TorchScript and an ONNX export of one classifier, described by model-index cards and served over loopback,
 * evaluated end to end by the packaged {@code zoo} like the BiT models: pulled, verified, format told by content and
 * checked against the card, classes read from the output, runs stored with their scope.
 */
class ExportedModelsIT {

    @TempDir
    Path tmp;

    FaultyHttpServer server;
    ZooProcess zoo;
    Path data;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() throws Exception {
        server = new FaultyHttpServer();
        zoo = new ZooProcess(tmp.resolve("home"));
        data = TinyImages.classFolders(tmp.resolve("data"), 10, 2);
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    /** A card for {@code bytes} served at {@code /models/NAME}, with {@code network} as its Network entry (or none). */
    private String card(String id, String name, byte[] bytes, String network) {
        server.put("/models/" + name, bytes);
        return """
                - Name: %1$s
                  Metadata:
                    ID: %1$s
                    File Size: %2$d
                    Image Size: 96
                    Crop Pct: 0.875
                    Interpolation: bilinear
                  Weights: %3$s
                  SHA256: %4$s
                %5$s""".formatted(id, bytes.length, server.uri("/models/" + name), Sha256.hex(bytes),
                network == null ? "" : "  Network: " + network + "\n");
    }

    @Test
    void torchScriptAndOnnxCardsEvaluateEndToEnd() throws Exception {
        byte[] scripted = Fixtures.bytes("models/mnv3s-scripted.pt");
        byte[] traced = Fixtures.bytes("models/mnv3s-traced.pt");
        byte[] onnx = Fixtures.bytes("models/mnv3s.onnx");
        Path catalog = Files.writeString(tmp.resolve("exported.yml"), "Models:\n"
                + card("mnv3_scripted", "scripted.pt", scripted, "{Format: torchscript}")
                + card("mnv3_traced", "traced.pt", traced, null)
                + card("mnv3_onnx", "mnv3.onnx", onnx, "{Format: onnx}")
                + card("mnv3_wrong", "wrong.pt", traced, "{Format: onnx}")
                + card("mnv3_cut", "cut.pt", Arrays.copyOf(scripted, scripted.length / 2), "{Format: torchscript}")
                + card("mnv3_cut_onnx", "cut.onnx", Arrays.copyOf(onnx, onnx.length / 2), "{Format: onnx}"));
        ZooProcess.Result lint = zoo.run("lint", catalog.toString());
        assertThat(lint.exit()).as(lint.toString()).isZero();

        double[] top1 = new double[3];
        String[] ids = {"mnv3_scripted", "mnv3_traced", "mnv3_onnx"};
        for (int i = 0; i < ids.length; i++) {
            ZooProcess.Result r = zoo.run("eval", "--catalog", catalog.toString(), ids[i], "--data", data.toString(),
                    "--json", "-q");
            assertThat(r.exit()).as(r.toString()).isZero();
            JsonNode run = json.readTree(r.out()).get("run");
            assertThat(run.get("scope").get("label").asText()).isEqualTo("a folder of 20 images, complete");
            assertThat(run.get("provenance").get("recipe").asText()).isEqualTo("crop 96 (resize 109, crop_pct "
                    + "0.875, bilinear), mean [0.485, 0.456, 0.406], std [0.229, 0.224, 0.225]");
            assertThat(run.get("provenance").get("runtime").asText()).startsWith(i < 2 ? "TorchScript on PyTorch 2."
                    : "ONNX on OnnxRuntime 1.");
            top1[i] = run.get("results").get(0).get("value").asDouble();
        }
        assertThat(top1[1]).as("traced = scripted").isEqualTo(top1[0]);

        ZooProcess.Result show = zoo.run("show", "--catalog", catalog.toString(), "mnv3_onnx");
        assertThat(show.out()).contains("ONNX: the file carries the architecture; its classes are read from its "
                + "output; input 3 x 96 x 96").contains("crop 96 (resize 109");

        ZooProcess.Result wrong = zoo.run("eval", "--catalog", catalog.toString(), "mnv3_wrong", "--data",
                data.toString(), "-q");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).contains("is a TorchScript file, but the catalogue's Network.Format of mnv3_wrong "
                + "says onnx");
        ZooProcess.Result cut = zoo.run("eval", "--catalog", catalog.toString(), "mnv3_cut", "--data",
                data.toString(), "-q");
        assertThat(cut.exit()).isEqualTo(1);
        assertThat(cut.err().strip()).contains("not a TorchScript model PyTorch can load").doesNotContain("\n");
        ZooProcess.Result cutOnnx = zoo.run("eval", "--catalog", catalog.toString(), "mnv3_cut_onnx", "--data",
                data.toString(), "-q");
        assertThat(cutOnnx.exit()).isEqualTo(1);
        assertThat(cutOnnx.err().strip()).contains("not an ONNX model OnnxRuntime can load").doesNotContain("\n");
        ZooProcess.Result half = zoo.run("eval", "--catalog", catalog.toString(), "mnv3_onnx", "--data",
                data.toString(), "--precision", "fp16");
        assertThat(half.exit()).isEqualTo(2);
        assertThat(half.err()).contains("mnv3_onnx is an ONNX model, run as it was exported");
    }

    /**
     * An ID names a network, never a format: a BiT ID whose weights are an export (named .onnx, or named nothing) is
     * run as the file says, with no Network entry in the card.
     */
    @Test
    void aBitIdWithExportedWeightsEvaluatesAsItsFileSays() throws Exception {
        byte[] onnx = Fixtures.bytes("models/mnv3s.onnx");
        byte[] traced = Fixtures.bytes("models/mnv3s-traced.pt");
        Path catalog = Files.writeString(tmp.resolve("bit-exported.yml"), "Models:\n"
                + card("resnetv2_50x1_bitm", "resnetv2_50x1_bitm.onnx", onnx, null)
                + card("resnetv2_101x1_bitm", "r101-export", traced, null));
        ZooProcess.Result onnxRun = zoo.run("eval", "--catalog", catalog.toString(), "resnetv2_50x1_bitm", "--data",
                data.toString(), "--json", "-q");
        assertThat(onnxRun.exit()).as(onnxRun.toString()).isZero();
        assertThat(json.readTree(onnxRun.out()).get("run").get("provenance").get("runtime").asText())
                .startsWith("ONNX on OnnxRuntime 1.");
        ZooProcess.Result show = zoo.run("show", "--catalog", catalog.toString(), "resnetv2_50x1_bitm");
        assertThat(show.out()).contains("ONNX: the file carries the architecture");

        ZooProcess.Result scripted = zoo.run("eval", "--catalog", catalog.toString(), "resnetv2_101x1_bitm",
                "--data", data.toString(), "--json", "-q");
        assertThat(scripted.exit()).as(scripted.toString()).isZero();
        assertThat(json.readTree(scripted.out()).get("run").get("provenance").get("runtime").asText())
                .startsWith("TorchScript on PyTorch 2.");
        // the ID names a network Zoo could build in fp16, but the file is an export: refused before a run is recorded
        ZooProcess.Result half = zoo.run("eval", "--catalog", catalog.toString(), "resnetv2_101x1_bitm", "--data",
                data.toString(), "--precision", "fp16");
        assertThat(half.exit()).as(half.toString()).isEqualTo(2);
        assertThat(half.err()).contains("resnetv2_101x1_bitm is a TorchScript model, run as it was exported");
        assertThat(json.readTree(zoo.run("runs", "--json").out()).get("runs")).hasSize(2);
    }
}
