package dev.zoo.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code Network: {Format: …}}: what each format allows, and how cards describe it. */
class NetworkFormatTest {

    private static Catalog load(String yaml) {
        return new CatalogLoader().load(new CatalogSource.Text("formats.yml", yaml));
    }

    private static List<String> findings(Catalog c) {
        return c.diagnostics().stream().filter(d -> d.severity() != Severity.INFO).map(Diagnostic::toString).toList();
    }

    @Test
    void torchScriptAndOnnxModelsCarryTheirOwnArchitecture() {
        Catalog c = load("""
                Models:
                - Name: mnv3_ts
                  Metadata: {Image Size: 96, Crop Pct: 0.875, Interpolation: bilinear}
                  Weights: https://example.org/mnv3.pt
                  Network: {Format: torchscript}
                - Name: mnv3_onnx
                  Weights: https://example.org/mnv3.onnx
                  Network: {Format: ONNX}
                - Name: bit_tiny
                  Weights: https://example.org/tiny.npz
                  Network: {Format: npz, Block Units: [2, 2, 2, 2], Stem Width: 16, Norm Groups: 8, Classes: 10}
                - Name: mystery
                  Weights: https://example.org/model.bin
                """);
        assertThat(c.diagnostics()).noneMatch(Diagnostic::isError);
        Model ts = c.find("mnv3_ts").orElseThrow();
        assertThat(ts.format()).contains(ModelFormat.TORCHSCRIPT);
        assertThat(ts.networkSpec()).isEmpty();
        assertThat(NetworkDescription.of(ts)).isEqualTo("TorchScript: the file carries the architecture; its classes "
                + "are read from its output; input 3 x 96 x 96");
        assertThat(c.find("mnv3_onnx").orElseThrow().format()).contains(ModelFormat.ONNX);
        Model bit = c.find("bit_tiny").orElseThrow();
        assertThat(bit.format()).contains(ModelFormat.NPZ);
        assertThat(NetworkDescription.of(bit)).startsWith("BiT ResNetV2 (.npz): resnetv2 [2, 2, 2, 2], width x1, "
                + "stem 16, 8 GroupNorm groups, 10 classes: ");
        assertThat(c.find("mystery").orElseThrow().format()).isEmpty();
        // a checkpoint under a name timm does not know: nothing says which network its weights fit
        assertThat(NetworkDescription.of(c.find("mystery").orElseThrow()))
                .startsWith("Zoo does not know the network of 'mystery'");
        // the seed's models have no Network entry: their IDs name a ResNetV2, and the format is the file's to say
        // (an ID never implies one); their names suggest an .npz
        Catalog seed = new CatalogLoader().load(DefaultCatalog.source());
        Model r50 = seed.find("resnetv2_50x1_bitm").orElseThrow();
        assertThat(r50.format()).isEmpty();
        assertThat(r50.networkSpec()).isPresent();
        assertThat(WeightsKind.ofUrl(r50.weights()).format()).contains(ModelFormat.NPZ);
    }

    @Test
    void formatMistakesAreErrorsAndAContradictingFileNameAWarning() {
        Catalog c = load("""
                Models:
                - Name: a
                  Metadata: {ID: a}
                  Weights: https://example.org/a.onnx
                  Network: {Format: tensorflow}
                - Name: b
                  Metadata: {ID: b}
                  Weights: https://example.org/b.onnx
                  Network: {Format: onnx, Block Units: [3, 4, 6, 3], Classes: 10}
                - Name: c
                  Metadata: {ID: c}
                  Weights: https://example.org/c.onnx
                  Network: {Format: torchscript}
                - Name: d
                  Metadata: {ID: d}
                  Weights: https://example.org/d.pth
                  Network: {Format: torchscript}
                - Name: e
                  Metadata: {ID: e}
                  Weights: https://example.org/e.pt
                  Network: {Format: torchscript}
                """);
        assertThat(findings(c)).containsExactly(
                "formats.yml:5:21: error: Network.Format must be npz, torchscript or onnx, found 'tensorflow'",
                "formats.yml:9:27: error: Network.Block Units describes a BiT ResNetV2 (Format npz); an ONNX file "
                        + "carries its own architecture (its classes are read from its output)",
                "formats.yml:9:54: error: Network.Classes describes a BiT ResNetV2 (Format npz); an ONNX file "
                        + "carries its own architecture (its classes are read from its output)",
                "formats.yml:12:12: warning: c: the Weights file's name suggests an ONNX model, but Network.Format says "
                        + "torchscript (Zoo reads the file's content, and refuses a mismatch)",
                "formats.yml:16:12: warning: d: the Weights file's name suggests a PyTorch checkpoint, but "
                        + "Network.Format says torchscript (Zoo reads the file's content, and refuses a mismatch)");
    }
}
