package dev.zoo.evaluator;

import dev.zoo.networks.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.evaluator.image.ImageDecodeException;
import dev.zoo.evaluator.image.ImageDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged copies of the fixture images (cut at several points, cut just before the end marker, bytes flipped in the
 * scan, emptied): Zoo refuses exactly the ones PIL refuses ({@code fixtures/damaged/pil-verdicts.json}, recorded by
 * {@code tools/pil_damage_verdicts.py}), so a truncated JPEG is never scored.
 */
class DamagedImagesTest {

    @TempDir
    Path tmp;

    @Test
    void zooRefusesExactlyWhatPilRefuses() throws Exception {
        JsonNode cases = new ObjectMapper().readTree(Fixtures.bytes("damaged/pil-verdicts.json")).get("cases");
        List<String> disagreements = new ArrayList<>();
        int i = 0;
        for (JsonNode c : cases) {
            byte[] data = Fixtures.bytes("preprocess/" + c.get("base").asText());
            if (c.get("damage").asText().equals("truncate")) {
                data = Arrays.copyOf(data, c.get("length").asInt());
            } else {
                for (JsonNode o : c.get("offsets")) {
                    data[o.asInt()] ^= 0x55;
                }
            }
            Path file = Files.write(tmp.resolve("case-" + i++ + "-" + c.get("base").asText()), data);
            String ours;
            try {
                ImageDecoder.decode(file);
                ours = "ok";
            } catch (ImageDecodeException e) {
                ours = "refused: " + e.getMessage();
                assertThat(e.getMessage()).startsWith(file.toString());
            }
            boolean pilRefuses = c.get("pil").asText().startsWith("refused");
            if (pilRefuses != ours.startsWith("refused")) {
                disagreements.add(c + " -> zoo: " + ours);
            }
        }
        assertThat(i).isEqualTo(100);
        assertThat(disagreements).isEmpty();
    }
}
