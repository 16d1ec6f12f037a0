package dev.zoo.evaluator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.evaluator.data.DatasetException;
import dev.zoo.evaluator.data.ImageNetClasses;
import dev.zoo.evaluator.data.LabelFile;
import dev.zoo.evaluator.data.RealLabels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The four validation-label formats agree with each other on all 50,000 images, through the class tables. */
class LabelFileTest {

    @TempDir
    Path tmp;

    static Path resource(String name) throws Exception {
        return Path.of(LabelFileTest.class.getResource("/imagenet/" + name).toURI());
    }

    @Test
    void devkitIdsAreMappedToTheStandardOrder() throws Exception {
        Map<String, Integer> devkit = LabelFile.read(resource("ILSVRC2012_validation_ground_truth.txt"));
        Map<String, Integer> caffe = LabelFile.read(resource("val.txt"));
        Map<String, Integer> wnids = LabelFile.read(resource("imagenet_2012_validation_synset_labels.txt"));
        Map<String, Integer> kaggle = LabelFile.read(resource("LOC_val_solution_first_wnid.csv"));
        assertThat(devkit).hasSize(50_000);
        assertThat(devkit).isEqualTo(caffe);
        assertThat(wnids).isEqualTo(caffe);
        assertThat(kaggle).isEqualTo(caffe);
        // the devkit's first three IDs are 490, 361, 171; val.txt says 65, 970, 230
        assertThat(devkit.get("ILSVRC2012_val_00000001.JPEG")).isEqualTo(65);
        assertThat(devkit.get("ILSVRC2012_val_00000003.JPEG")).isEqualTo(230);
    }

    @Test
    void classTablesKeepTheStandardOrder() {
        ImageNetClasses c = ImageNetClasses.get();
        assertThat(c.size()).isEqualTo(1000);
        assertThat(c.wnid(0)).isEqualTo("n01440764");
        assertThat(c.describe(0)).isEqualTo("n01440764 tench");
        assertThat(c.wnid(999)).isEqualTo("n15075141");
        assertThat(c.fromDevkitId(1)).isEqualTo(c.indexOf("n02119789").orElseThrow());
        // two short names repeat: indices stay distinct
        assertThat(c.indexOf("n02012849")).isNotEqualTo(c.indexOf("n03126707"));
    }

    @Test
    void badLinesNameTheFileAndLine() throws Exception {
        Path devkit = Files.writeString(tmp.resolve("gt.txt"), "490\n361\n1001\n");
        assertThatThrownBy(() -> LabelFile.read(devkit)).isInstanceOf(DatasetException.class)
                .hasMessage(devkit + ":3: devkit ID 1001 is not in 1..1000");
        Path caffe = Files.writeString(tmp.resolve("val.txt"), "a.JPEG 1\nb.JPEG x\n");
        assertThatThrownBy(() -> LabelFile.read(caffe)).hasMessage(caffe + ":2: expected 'FILE INDEX', found 'b.JPEG x'");
        Path unknown = Files.writeString(tmp.resolve("labels.txt"), "what is this\n");
        assertThatThrownBy(() -> LabelFile.read(unknown)).hasMessageStartingWith(unknown + ":1: unknown label format");
        Path wnid = Files.writeString(tmp.resolve("w.txt"), "n01440764\nn99999999\n");
        assertThatThrownBy(() -> LabelFile.read(wnid)).hasMessage(wnid + ":2: 'n99999999' is not an ImageNet-1k wnid");
    }

    @Test
    void realLabelsLeaveEmptySetsOut() throws Exception {
        RealLabels real = RealLabels.read(resource("real.json"));
        assertThat(real.size()).isEqualTo(50_000);
        assertThat(real.forImage("ILSVRC2012_val_00000001.JPEG")).isEmpty();
        assertThat(real.forImage("ILSVRC2012_val_00000002.JPEG").orElseThrow()).containsExactly(970, 795);
        assertThat(real.forImage("n01440764/some.JPEG")).isEmpty();
        Path bad = Files.writeString(tmp.resolve("real.json"), "[[1, 2],\n [3, \"x\"]]");
        assertThatThrownBy(() -> RealLabels.read(bad)).hasMessageStartingWith(bad + ":2:");
    }
}
