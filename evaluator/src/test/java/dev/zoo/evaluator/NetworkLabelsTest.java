package dev.zoo.evaluator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.evaluator.data.Dataset;
import dev.zoo.evaluator.data.LabelMap;
import dev.zoo.evaluator.data.NetworkLabels;
import dev.zoo.evaluator.data.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labels the network cannot predict, or that mean other classes, are refused before any image is evaluated. */
class NetworkLabelsTest {

    @TempDir
    Path tmp;

    @Test
    void labelsOutsideTheNetworksClassesAreRefusedWithACountAndAnExample() throws Exception {
        Dataset fifty = Dataset.open(TinyImages.classFolders(tmp.resolve("fifty"), 50, 1), null, null);
        assertThatThrownBy(() -> NetworkLabels.fit(fifty, "tiny", 10, null))
                .hasMessageContaining("40 of 50 images of " + fifty.root() + " have labels tiny cannot predict (it "
                        + "has 10 classes, 0 … 9): 40 label(s), e.g. class_10/img_000.jpg is labelled 10 (folder "
                        + "class_10)")
                .hasMessageContaining("--label-map");
        Dataset ten = Dataset.open(TinyImages.classFolders(tmp.resolve("ten"), 10, 1), null, null);
        assertThat(NetworkLabels.fit(ten, "tiny", 10, null)).isSameAs(ten);
    }

    @Test
    void anImageNet21kHeadOnImageNet1kLabelsIsRefusedUnlessMapped() throws Exception {
        Path data = tmp.resolve("val");
        TinyImages.write(data.resolve("n01440764/a.JPEG"), 20, 20, 1);
        TinyImages.write(data.resolve("n15075141/b.JPEG"), 20, 20, 2);
        Dataset d = Dataset.open(data, null, null);
        assertThatThrownBy(() -> NetworkLabels.fit(d, "resnetv2_50x1_bitm_in21k", 21_843, null))
                .hasMessageContaining("predicts 21,843 classes, but " + data + " is labelled with ImageNet-1k's 1,000");
        Path map = Files.writeString(tmp.resolve("map.txt"), "# wnid -> in21k output\nn01440764 1234\n"
                + "n15075141 20000\n");
        Dataset mapped = NetworkLabels.fit(d, "m", 21_843, LabelMap.read(map));
        assertThat(mapped.samples()).extracting(Sample::label).containsExactly(1234, 20000);

        Path partial = Files.writeString(tmp.resolve("partial.txt"), "n01440764 1234\n");
        assertThatThrownBy(() -> NetworkLabels.fit(d, "m", 21_843, LabelMap.read(partial)))
                .hasMessageContaining("maps 1 of the classes of " + data + " to nothing, e.g. n15075141/b.JPEG");
        Path bad = Files.writeString(tmp.resolve("bad.txt"), "n01440764 one\n");
        assertThatThrownBy(() -> LabelMap.read(bad)).hasMessage(bad + ":1: 'one' is not a class index");
        Path tooBig = Files.writeString(tmp.resolve("big.txt"), "n01440764 30000\nn15075141 1\n");
        assertThatThrownBy(() -> NetworkLabels.fit(d, "m", 21_843, LabelMap.read(tooBig)))
                .hasMessageContaining("maps n01440764 tench to output 30000, but m has 21,843 classes");
    }
}
