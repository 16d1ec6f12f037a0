package dev.zoo.evaluator.data;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ImageNet-1k class tables: the standard order (index 0..999 = wnids sorted, as timm, torchvision and the BiT heads
 * use), the devkit's ILSVRC2012_ID order (1..1000, a different order), and readable names.
 */
public final class ImageNetClasses {

    private static final ImageNetClasses INSTANCE = load();

    private final List<String> wnids;
    private final Map<String, Integer> indexOfWnid;
    private final int[] standardOfDevkit;
    private final List<String> names;

    private ImageNetClasses(List<String> wnids, int[] standardOfDevkit, List<String> names) {
        this.wnids = List.copyOf(wnids);
        this.standardOfDevkit = standardOfDevkit;
        this.names = List.copyOf(names);
        this.indexOfWnid = new HashMap<>();
        for (int i = 0; i < wnids.size(); i++) {
            indexOfWnid.put(wnids.get(i), i);
        }
    }

    public static ImageNetClasses get() {
        return INSTANCE;
    }

    public int size() {
        return wnids.size();
    }

    public Optional<Integer> indexOf(String wnid) {
        return Optional.ofNullable(indexOfWnid.get(wnid));
    }

    public String wnid(int index) {
        return wnids.get(index);
    }

    /** "n01440764 tench" for a standard index, "class 1234" outside ImageNet-1k. */
    public String describe(int index) {
        return index >= 0 && index < names.size() ? wnids.get(index) + " " + names.get(index) : "class " + index;
    }

    /** Standard index of a devkit ILSVRC2012_ID (1..1000), or -1. */
    public int fromDevkitId(int devkitId) {
        return devkitId >= 1 && devkitId <= standardOfDevkit.length ? standardOfDevkit[devkitId - 1] : -1;
    }

    private static ImageNetClasses load() {
        List<String> wnids = lines("synsets.txt");
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < wnids.size(); i++) {
            index.put(wnids.get(i), i);
        }
        List<String> devkit = lines("devkit_id_to_wnid.txt");
        int[] standardOfDevkit = new int[devkit.size()];
        for (String line : devkit) {
            String[] parts = line.split("\\s+");
            standardOfDevkit[Integer.parseInt(parts[1]) - 1] = index.get(parts[0]);
        }
        List<String> names = new ArrayList<>();
        // index,wnid,devkit_id,keras_name,"long name": keep the long name's first synonym
        try (InputStream in = ImageNetClasses.class.getResourceAsStream("/zoo/imagenet/classes.csv");
             MappingIterator<Map<String, String>> rows = new CsvMapper().readerFor(Map.class)
                     .with(CsvSchema.emptySchema().withHeader()).readValues(in)) {
            while (rows.hasNextValue()) {
                names.add(rows.nextValue().get("name").split(",")[0].trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read zoo/imagenet/classes.csv", e);
        }
        return new ImageNetClasses(wnids, standardOfDevkit, names);
    }

    private static List<String> lines(String resource) {
        try (InputStream in = ImageNetClasses.class.getResourceAsStream("/zoo/imagenet/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource zoo/imagenet/" + resource);
            }
            List<String> out = new ArrayList<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(l -> !l.isBlank()).forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
