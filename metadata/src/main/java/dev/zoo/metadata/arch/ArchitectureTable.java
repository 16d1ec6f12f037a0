package dev.zoo.metadata.arch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * timm's models as data ({@code zoo/architectures.jsonl}, written by {@code tools/make_architectures.py} from the timm
 * version the model cards name and today's): one line per model name, read only when a name is looked up, so that a
 * command that needs a few pays for a few.
 */
public final class ArchitectureTable {

    private static final String RESOURCE = "/zoo/architectures.jsonl";
    private static final Pattern NAME = Pattern.compile("\"name\":\"([^\"]+)\"");
    private static volatile ArchitectureTable instance;

    /** Each name's lines: the cards' version first, then today's (kept for the classes Zoo builds). */
    private final Map<String, List<String>> lines;
    private final Map<String, String> sources;
    private final Map<String, TimmModel> parsed = new ConcurrentHashMap<>();

    private ArchitectureTable(Map<String, List<String>> lines, Map<String, String> sources) {
        this.lines = lines;
        this.sources = sources;
    }

    /** The table Zoo ships. */
    public static ArchitectureTable get() {
        ArchitectureTable t = instance;
        if (t == null) {
            synchronized (ArchitectureTable.class) {
                if (instance == null) {
                    instance = load();
                }
                t = instance;
            }
        }
        return t;
    }

    private static ArchitectureTable load() {
        try (InputStream in = ArchitectureTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the architecture table " + RESOURCE + " is missing from the jar");
            }
            Map<String, List<String>> lines = new HashMap<>();
            Map<String, String> sources = new HashMap<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = r.readLine();
            if (header != null && json(header).get("sources") instanceof Map<?, ?> m) {
                m.forEach((k, v) -> sources.put(String.valueOf(k), String.valueOf(v)));
            }
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                Matcher m = NAME.matcher(line);
                if (m.find()) {
                    lines.computeIfAbsent(m.group(1), k -> new ArrayList<>(1)).add(line);
                }
            }
            return new ArchitectureTable(Map.copyOf(lines), Map.copyOf(sources));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the architecture table", e);
        }
    }

    /** The timm version a source of the table is ("timm-cards" -> "timm 0.4.3"). */
    public String version(String source) {
        return sources.getOrDefault(source, source);
    }

    /**
     * A model by timm's name: the version the cards name when there is one, else today's; "name.tag" (today's
     * pretrained tags) finds the version that has the tag.
     */
    public Optional<TimmModel> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        if (lines.containsKey(name)) {
            return Optional.of(parse(lines.get(name).get(0)));
        }
        int dot = name.indexOf('.');
        if (dot < 0 || !lines.containsKey(name.substring(0, dot))) {
            return Optional.empty();
        }
        String tag = name.substring(dot + 1);
        return lines.get(name.substring(0, dot)).stream().map(this::parse).filter(t -> t.weights().containsKey(tag))
                .findFirst();
    }

    /** The models (of either version) whose pretrained weights include the file {@code url} names. */
    public List<TimmModel> ownersOf(String url) {
        String file = WeightsFacts.fileName(url);
        List<TimmModel> out = new ArrayList<>();
        if (file == null) {
            return out;
        }
        for (List<String> versions : lines.values()) {
            for (String line : versions) {
                if (line.toLowerCase(Locale.ROOT).contains("/" + file + "\"")) {
                    TimmModel t = parse(line);
                    if (t.weightsFor(url).isPresent()) {
                        out.add(t);
                    }
                }
            }
        }
        out.sort(Comparator.comparing(TimmModel::name).thenComparing(TimmModel::source,
                Comparator.reverseOrder()));
        return out;
    }

    private TimmModel parse(String line) {
        return parsed.computeIfAbsent(line, ArchitectureTable::model);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return (Map<String, Object>) new Yaml(new SafeConstructor(options)).load(text);
    }

    /** Every model name (for tests and the README's counts). */
    public Set<String> names() {
        return lines.keySet();
    }

    /** Every version of a name: the cards', then today's. */
    public List<TimmModel> versions(String name) {
        return lines.getOrDefault(name, List.of()).stream().map(this::parse).toList();
    }

    @SuppressWarnings("unchecked")
    private static TimmModel model(String line) {
        Map<String, Object> m = json(line);
        Map<String, WeightsFacts> weights = new LinkedHashMap<>();
        if (m.get("weights") instanceof Map<?, ?> w) {
            w.forEach((tag, facts) -> weights.put((String) tag, facts((String) tag, (Map<String, Object>) facts)));
        }
        Map<String, List<Long>> pruned = new LinkedHashMap<>();
        if (m.get("pruned") instanceof Map<?, ?> p) {
            p.forEach((k, v) -> pruned.put((String) k, ((List<Number>) v).stream().map(Number::longValue).toList()));
        }
        return new TimmModel((String) m.get("name"), (String) m.get("source"), (String) m.get("class"),
                (String) m.get("code"), (Map<String, Object>) m.get("config"),
                m.get("parameters") instanceof Number n ? n.longValue() : null, pruned, weights);
    }

    @SuppressWarnings("unchecked")
    private static WeightsFacts facts(String tag, Map<String, Object> f) {
        return new WeightsFacts(tag, (String) f.get("url"), (String) f.get("hf_hub_id"),
                f.get("num_classes") instanceof Number n ? n.intValue() : null, side(f.get("input_size")),
                side(f.get("test_input_size")), f.get("crop_pct") instanceof Number c ? c.doubleValue() : null,
                (String) f.get("interpolation"), doubles(f.get("mean")), doubles(f.get("std")));
    }

    private static Integer side(Object inputSize) {
        return inputSize instanceof List<?> l && l.size() == 3 && l.get(2) instanceof Number n ? n.intValue() : null;
    }

    private static List<Double> doubles(Object o) {
        if (!(o instanceof List<?> l) || l.size() != 3) {
            return null;
        }
        return l.stream().map(v -> ((Number) v).doubleValue()).toList();
    }
}
