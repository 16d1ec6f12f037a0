package dev.zoo.evaluator;

import dev.zoo.networks.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.evaluator.image.ImageDecoder;
import dev.zoo.evaluator.image.RgbImage;
import dev.zoo.networks.tensors.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JPEGs whose markers change how a decoder must read them, never their pixels (fixtures/jpeg-markers, made by its
 * make.py): each decodes to exactly the bytes PIL's {@code convert('RGB')} gives. An ICC profile, sound or not, is
 * ignored as PIL ignores it; a file with no JFIF marker is YCbCr by libjpeg's rules whatever ImageIO would guess.
 */
class JpegMarkersTest {

    @ParameterizedTest
    @ValueSource(strings = {"icc-profile.jpg", "broken-icc-profile.jpg", "unmarked-444.jpg", "unmarked-444-ids-012.jpg",
        "unmarked-420.jpg", "jfif-and-adobe-transform-0.jpg"})
    void decodesToPilsPixels(String name) throws Exception {
        RgbImage decoded = ImageDecoder.decode(Fixtures.path("jpeg-markers/" + name));
        Tensor expected = Fixtures.npy("jpeg-markers/" + name + ".decoded.npy");
        assertThat(new long[]{decoded.height(), decoded.width(), 3}).isEqualTo(expected.shape());
        byte[] want = new byte[decoded.rgb().length];
        for (int i = 0; i < want.length; i++) {
            want[i] = (byte) expected.data()[i];
        }
        assertThat(decoded.rgb()).isEqualTo(want);
    }

    /**
     * Images decoded for a use share this thread's pixel array: each, larger or smaller than the one before, is seen
     * whole and alone while it is used, equal to the same file decoded into an array of its own.
     */
    @Test
    void aThreadsReusedPixelsHoldEachImageWhileItIsUsed() throws Exception {
        String[] files = {"preprocess/odd-large.jpg", "preprocess/small.jpg", "preprocess/gray.jpg",
            "jpeg-markers/unmarked-444-ids-012.jpg", "preprocess/landscape.jpg", "jpeg-markers/icc-profile.jpg",
            "preprocess/portrait.jpg"};
        for (String name : files) {
            RgbImage own = ImageDecoder.decode(Fixtures.path(name));
            byte[][] seen = new byte[1][];
            ImageDecoder.decode(Fixtures.path(name), null, image -> seen[0] =
                    Arrays.copyOf(image.rgb(), image.width() * image.height() * 3));
            assertThat(seen[0]).as(name).isEqualTo(own.rgb());
        }
    }
}
