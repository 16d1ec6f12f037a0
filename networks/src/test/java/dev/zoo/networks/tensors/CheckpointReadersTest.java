package dev.zoo.networks.tensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.networks.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files written by {@code torch.save} (zip and legacy formats; bare, wrapped in training state, with {@code module.}
 * prefixes, EMA only; float16, bfloat16, float64; views into one storage) and a safetensors file, made by
 * {@code tools/make_timm_fixtures.py}, read without Python to the values PyTorch saved; and damaged, crafted and
 * hostile ones refused by name, before they cost memory, without running anything.
 */
class CheckpointReadersTest {

    @TempDir
    Path tmp;

    private static final JsonNode MANIFEST = manifest();

    private static JsonNode manifest() {
        try {
            return new ObjectMapper().readTree(Fixtures.bytes("checkpoints/manifest.json"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static float[] expected(String name) {
        JsonNode values = MANIFEST.get("expected").get(name).get("values");
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values.get(i).asDouble();
        }
        return out;
    }

    private static Map<String, Tensor> readAll(TensorSource s) throws WeightsFileException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        List<String> floats = s.names().stream().filter(n -> {
            try {
                return s.info(n).dtype().floating();
            } catch (WeightsFileException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        s.readAll(floats, t -> out.put(t.name(), t));
        return out;
    }

    private static final List<String> STATE = List.of("conv.weight", "bn.weight", "bn.bias", "bn.running_mean",
            "bn.running_var", "bn.num_batches_tracked", "fc.weight", "fc.bias");

    @ParameterizedTest
    @ValueSource(strings = {"plain-zip.pth", "plain-legacy.pth", "wrapped-zip.pth", "wrapped-legacy.pth",
            "fp64-zip.pth"})
    void stateDictsReadToTheValuesPyTorchSaved(String file) throws Exception {
        try (TorchCheckpoint c = TorchCheckpoint.open(Fixtures.path("checkpoints/" + file))) {
            assertThat(c.names()).containsExactlyElementsOf(STATE);
            assertThat(c.info("bn.num_batches_tracked").dtype()).isEqualTo(Dtype.INT64);
            assertThat(c.info("conv.weight").shape()).containsExactly(4, 3, 3, 3);
            Map<String, Tensor> all = readAll(c);
            for (String name : all.keySet()) {
                assertThat(all.get(name).data()).as(file + " " + name).containsExactly(expected(name));
            }
            if (file.startsWith("wrapped")) {
                assertThat(c.description()).contains("the state dict under its 'state_dict'",
                        "'module.' prefixes removed");
            }
            assertThat(c.description()).contains(file.contains("legacy") ? "legacy format" : "zip format");
        }
    }

    @Test
    void emaWeightsAreTakenWhenNothingElseIsThere() throws Exception {
        try (TorchCheckpoint c = TorchCheckpoint.open(Fixtures.path("checkpoints/ema-only.pth"))) {
            assertThat(c.description()).contains("'state_dict_ema'");
            assertThat(c.names()).containsExactlyElementsOf(STATE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fp16-zip.pth", "fp16-legacy.pth", "bf16-zip.pth"})
    void sixteenBitTensorsWidenExactly(String file) throws Exception {
        try (TorchCheckpoint c = TorchCheckpoint.open(Fixtures.path("checkpoints/" + file))) {
            assertThat(c.info("fc.weight").dtype()).isEqualTo(file.startsWith("bf16") ? Dtype.BFLOAT16
                    : Dtype.FLOAT16);
            Map<String, Tensor> all = readAll(c);
            for (String name : all.keySet()) {
                float[] want = expected(name);
                float[] got = all.get(name).data();
                for (int i = 0; i < want.length; i++) {
                    // the saved value is the float32 rounded to 16 bits: within half of its last place
                    float ulp = file.startsWith("bf16") ? Math.ulp(want[i]) * 65536 : Math.ulp(want[i]) * 8192;
                    assertThat(Math.abs(got[i] - want[i])).as(file + " " + name + "[" + i + "]")
                            .isLessThanOrEqualTo(Math.max(ulp, 6.0e-8f));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"views-zip.pth", "views-legacy.pth"})
    void viewsIntoOneStorageReadWithTheirOffsetsAndStrides(String file) throws Exception {
        try (TorchCheckpoint c = TorchCheckpoint.open(Fixtures.path("checkpoints/" + file))) {
            assertThat(c.names()).containsExactly("a", "b", "c", "param");
            assertThat(c.info("b").shape()).containsExactly(6, 4);
            Map<String, Tensor> all = readAll(c);
            for (String name : List.of("a", "b", "c", "param")) {
                assertThat(all.get(name).data()).as(file + " " + name).containsExactly(expected(name));
            }
        }
    }

    @Test
    void safetensorsReadToTheirValues() throws Exception {
        try (Safetensors s = Safetensors.open(Fixtures.path("checkpoints/tiny.safetensors"))) {
            assertThat(s.info("fc.weight").dtype()).isEqualTo(Dtype.FLOAT16);
            assertThat(s.info("conv.weight").dtype()).isEqualTo(Dtype.FLOAT32);
            Map<String, Tensor> all = readAll(s);
            assertThat(all.get("conv.weight").data()).containsExactly(expected("conv.weight"));
            assertThat(all.get("fc.bias").data()[0]).isCloseTo(expected("fc.bias")[0],
                    org.assertj.core.data.Offset.offset(1e-3f));
        }
    }

    @Test
    void aPickleThatWouldRunCodeIsRefusedNamingTheGlobalAndNothingRuns() throws Exception {
        Path marker = Path.of("/tmp/zoo-pickle-was-executed");
        Files.deleteIfExists(marker);
        Path exploit = Fixtures.path("checkpoints/exploit.pth");
        assertThatThrownBy(() -> TorchCheckpoint.open(exploit)).isInstanceOf(WeightsFileException.class)
                .hasMessageContaining(exploit.toString())
                .hasMessageContaining("the pickle names the global posix.system, which a state dict does not hold");
        assertThat(marker).doesNotExist();
    }

    @Test
    void cutFilesAreRefusedNamingTheFile() throws Exception {
        for (String name : List.of("plain-zip.pth", "plain-legacy.pth", "tiny.safetensors")) {
            byte[] whole = Fixtures.bytes("checkpoints/" + name);
            for (int cut : new int[]{whole.length / 3, whole.length - 7}) {
                Path p = Files.write(tmp.resolve("cut-" + cut + "-" + name), Arrays.copyOf(whole, cut));
                assertThatThrownBy(() -> {
                    try (TensorSource s = name.endsWith("safetensors") ? Safetensors.open(p)
                            : TorchCheckpoint.open(p)) {
                        readAll(s);
                    }
                }).as(name + " cut at " + cut).isInstanceOf(WeightsFileException.class)
                        .hasMessageContaining(p.toString());
            }
        }
    }

    @Test
    void aStorageShorterThanItsTensorIsRefusedBeforeItIsRead() throws Exception {
        Path source = Fixtures.path("checkpoints/plain-zip.pth");
        Path shorter = tmp.resolve("short.pth");
        try (ZipFile in = new ZipFile(source.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(shorter))) {
            for (ZipEntry e : Collections.list(in.entries())) {
                byte[] data;
                try (InputStream s = in.getInputStream(e)) {
                    data = s.readAllBytes();
                }
                if (e.getName().endsWith("/data/0")) {
                    data = Arrays.copyOf(data, data.length / 2);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(data);
                out.closeEntry();
            }
        }
        assertThatThrownBy(() -> TorchCheckpoint.open(shorter)).isInstanceOf(WeightsFileException.class)
                .hasMessageContaining("a storage shorter than its tensor").hasMessageContaining("data/0");
    }

    @Test
    void aPickleThatAnnouncesMoreThanItHoldsCostsNothing() throws Exception {
        // PROTO 2, BINUNICODE of 2^31 - 1 bytes, then nothing: refused before anything is allocated
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x80).put((byte) 2).put((byte) 'X').putInt(Integer.MAX_VALUE).put((byte) '.');
        Path p = Files.write(tmp.resolve("liar.pth"), Arrays.copyOf(b.array(), b.position()));
        assertThatThrownBy(() -> TorchCheckpoint.open(p)).isInstanceOf(WeightsFileException.class)
                .hasMessageContaining("announces 2147483647 bytes");
        // a long list of references to one big object copies nothing
        ByteArrayOutputStream refs = new ByteArrayOutputStream();
        refs.write(new byte[]{(byte) 0x80, 2, ']', 'q', 0, '('});
        for (int i = 0; i < 2000; i++) {
            refs.write(new byte[]{'h', 0});
        }
        refs.write(new byte[]{'e', '.'});
        Path many = Files.write(tmp.resolve("refs.pth"), refs.toByteArray());
        assertThatThrownBy(() -> TorchCheckpoint.open(many)).isInstanceOf(WeightsFileException.class)
                .hasMessageContaining("not torch.save's");
    }

    @Test
    void safetensorsHeadersThatLieAreRefused() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,16]}}", "needs 8 bytes");
        cases.put("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\","
                + "\"shape\":[1],\"data_offsets\":[4,8]}}", "the two overlap");
        cases.put("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", "outside the 8 bytes");
        cases.put("{\"a\":{\"dtype\":\"Q9\",\"shape\":[2],\"data_offsets\":[0,8]}}", "dtype 'Q9'");
        cases.put("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", "not a list of sizes");
        cases.put("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", "not JSON");
        int i = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            byte[] header = c.getKey().getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.allocate(8 + header.length + 8).order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(header.length).put(header).putFloat(1f).putFloat(2f);
            Path p = Files.write(tmp.resolve("lie" + i++ + ".safetensors"), b.array());
            assertThatThrownBy(() -> Safetensors.open(p)).as(c.getKey()).isInstanceOf(WeightsFileException.class)
                    .hasMessageContaining(p.toString()).hasMessageContaining(c.getValue());
        }
        ByteBuffer huge = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).put((byte) '{');
        Path p = Files.write(tmp.resolve("huge.safetensors"), huge.array());
        assertThatThrownBy(() -> Safetensors.open(p)).hasMessageContaining("a safetensors header of 1099511627776 "
                + "bytes");
    }

    @Test
    void halfPrecisionWidensExactlyIncludingSubnormalsAndInfinities() {
        assertThat(Dtype.halfToFloat((short) 0x3C00)).isEqualTo(1f);
        assertThat(Dtype.halfToFloat((short) 0xC000)).isEqualTo(-2f);
        assertThat(Dtype.halfToFloat((short) 0x0001)).isEqualTo(5.9604645e-8f);
        assertThat(Dtype.halfToFloat((short) 0x7BFF)).isEqualTo(65504f);
        assertThat(Dtype.halfToFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Dtype.halfToFloat((short) 0x7E00)).isNaN();
        assertThat(Dtype.halfToFloat((short) 0x8000)).isEqualTo(-0f);
    }
}
