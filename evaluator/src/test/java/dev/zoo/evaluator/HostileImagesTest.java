package dev.zoo.evaluator;

import dev.zoo.networks.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.evaluator.data.Dataset;
import dev.zoo.evaluator.data.Sample;
import dev.zoo.evaluator.eval.PredictionLog;
import dev.zoo.evaluator.image.ImageDecodeException;
import dev.zoo.evaluator.image.ImageDecoder;
import dev.zoo.results.Prediction;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images made to hurt: decompression bombs are refused from their header as PIL refuses them, files that are no
 * regular file are reported as unreadable images (never skipped in silence, never read forever), and a file name with
 * a newline survives the predictions CSV.
 */
class HostileImagesTest {

    @TempDir
    Path tmp;

    /** A PNG whose header declares {@code width x height} gray pixels, with at most 1 MB of zero rows as its data. */
    private static byte[] pngDeclaring(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        d.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[]{8, 0, 0, 0, 0});     // 8-bit gray, deflate, no filter method, no interlace
        chunk(d, "IHDR", ihdr.toByteArray());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[(int) Math.min((width + 1L) * height, 1 << 20)]);   // all-zero rows
        deflater.finish();
        byte[] idat = new byte[1 << 16];
        chunk(d, "IDAT", java.util.Arrays.copyOf(idat, deflater.deflate(idat)));
        chunk(d, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(DataOutputStream d, String type, byte[] data) throws IOException {
        d.writeInt(data.length);
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }

    /** A real JPEG whose frame header is edited to declare {@code width x height}. */
    private static byte[] jpegDeclaring(int width, int height) throws Exception {
        byte[] jpeg = Fixtures.bytes("preprocess/small.jpg");
        for (int i = 0; i < jpeg.length - 9; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && ((jpeg[i + 1] & 0xFF) == 0xC0 || (jpeg[i + 1] & 0xFF) == 0xC2)) {
                jpeg[i + 5] = (byte) (height >> 8);
                jpeg[i + 6] = (byte) height;
                jpeg[i + 7] = (byte) (width >> 8);
                jpeg[i + 8] = (byte) width;
                return jpeg;
            }
        }
        throw new IllegalStateException("no frame header in small.jpg");
    }

    @Test
    void formatsPilOpensAndZooDoesNotAreNamed() throws Exception {
        byte[] webp = new byte[64];
        System.arraycopy("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, webp, 0, 4);
        System.arraycopy("WEBPVP8 ".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, webp, 8, 8);
        Path file = Files.write(tmp.resolve("photo.webp"), webp);
        assertThatThrownBy(() -> ImageDecoder.decode(file)).isInstanceOf(ImageDecodeException.class)
                .hasMessage(file + ": a WebP image, which Zoo does not read (it reads JPEG, PNG, GIF and BMP as PIL "
                        + "does)");
        Path text = Files.writeString(tmp.resolve("notes.jpg"), "not an image at all");
        assertThatThrownBy(() -> ImageDecoder.decode(text)).hasMessage(text + ": not an image in a format Zoo reads "
                + "(JPEG, PNG, GIF, BMP)");
    }

    @Test
    void aDecoderComplaintLeadsWithWhatItMeansAndKeepsTheDecodersWords() throws Exception {
        byte[] jpeg = Fixtures.bytes("preprocess/small.jpg");
        for (int i = 0; i + 4 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC4) {   // DHT: bogus code counts
                java.util.Arrays.fill(jpeg, i + 5, i + 21, (byte) 0xFF);
                break;
            }
        }
        Path file = Files.write(tmp.resolve("bogus-huffman.jpg"), jpeg);
        assertThatThrownBy(() -> ImageDecoder.decode(file)).isInstanceOf(ImageDecodeException.class)
                .hasMessageStartingWith(file + ": damaged or unreadable JPEG data, not decoded (the JPEG decoder "
                        + "says: ").hasMessageContaining("Huffman");
    }

    @Test
    void decompressionBombsAreRefusedFromTheirHeader() throws Exception {
        Path png = Files.write(tmp.resolve("bomb.png"), pngDeclaring(60_000, 60_000));
        assertThatThrownBy(() -> ImageDecoder.decode(png)).isInstanceOf(ImageDecodeException.class).hasMessage(png
                + ": image size (60,000 x 60,000 = 3,600,000,000 pixels) exceeds PIL's limit of 178,956,970 pixels "
                + "(a decompression bomb?); PIL refuses it too");
        Path jpeg = Files.write(tmp.resolve("bomb.jpg"), jpegDeclaring(30_000, 30_000));
        assertThatThrownBy(() -> ImageDecoder.decode(jpeg)).hasMessage(jpeg + ": image size (30,000 x 30,000 = "
                + "900,000,000 pixels) exceeds PIL's limit of 178,956,970 pixels (a decompression bomb?); PIL "
                + "refuses it too");
        // just under the limit is decoded as PIL decodes it (with a warning above 89,478,485 pixels)
        assertThat(ImageDecoder.decode(Files.write(tmp.resolve("wide.png"), pngDeclaring(8_000, 1))).width())
                .isEqualTo(8_000);
    }

    @Test
    void linksFifosAndDevicesAreUnreadableImagesNotSilence() throws Exception {
        Path cls = Files.createDirectories(tmp.resolve("data/n01440764"));
        Files.copy(Fixtures.path("preprocess/small.jpg"), cls.resolve("good.JPEG"));
        Files.createSymbolicLink(cls.resolve("dangling.JPEG"), tmp.resolve("nowhere.JPEG"));
        Files.createSymbolicLink(cls.resolve("zero.JPEG"), Path.of("/dev/zero"));
        Process mkfifo = new ProcessBuilder("mkfifo", cls.resolve("pipe.JPEG").toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).isTrue();

        Dataset data = Dataset.open(tmp.resolve("data"), null, null);
        assertThat(data.samples()).extracting(Sample::name).containsExactly("n01440764/dangling.JPEG",
                "n01440764/good.JPEG", "n01440764/pipe.JPEG", "n01440764/zero.JPEG");
        assertThat(data.fingerprint()).hasSize(64);
        assertThat(ImageDecoder.decode(cls.resolve("good.JPEG")).width()).isPositive();
        assertThatThrownBy(() -> ImageDecoder.decode(cls.resolve("dangling.JPEG")))
                .hasMessage(cls.resolve("dangling.JPEG") + ": a dangling symbolic link");
        assertThatThrownBy(() -> ImageDecoder.decode(cls.resolve("zero.JPEG")))
                .hasMessage(cls.resolve("zero.JPEG") + ": not a regular file (a FIFO, device or folder)");
        assertThatThrownBy(() -> ImageDecoder.decode(cls.resolve("pipe.JPEG")))
                .hasMessage(cls.resolve("pipe.JPEG") + ": not a regular file (a FIFO, device or folder)");
    }

    @Test
    void aNewlineInAFileNameSurvivesThePredictionsCsv() throws IOException {
        Path csv = tmp.resolve("predictions.csv");
        List<Prediction> written = List.of(
                new Prediction(0, "n01440764/two\nlines, \"quoted\".JPEG", 0, new int[]{0, 1, 2, 3, 4}, new float[5]),
                new Prediction(1, "n01440764/plain.JPEG", 0, new int[]{4, 3, 2, 1, 0}, new float[5]));
        PredictionLog.write(csv, written);
        List<Prediction> read = PredictionLog.read(csv);
        assertThat(read).extracting(Prediction::name).containsExactly("n01440764/two\nlines, \"quoted\".JPEG",
                "n01440764/plain.JPEG");
        assertThat(read.get(1).top()).containsExactly(4, 3, 2, 1, 0);
    }
}
