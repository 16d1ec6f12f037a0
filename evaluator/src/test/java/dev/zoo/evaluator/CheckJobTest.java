package dev.zoo.evaluator;

import dev.zoo.core.ZooException;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.evaluator.check.CheckJob;
import dev.zoo.evaluator.eval.Evaluator;
import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.CatalogLoader;
import dev.zoo.metadata.CatalogSource;
import dev.zoo.metadata.KnownDataset;
import dev.zoo.metadata.Model;
import dev.zoo.core.Database;
import dev.zoo.core.Progress;
import dev.zoo.registry.WeightsRegistry;
import dev.zoo.results.EvalSpec;
import dev.zoo.results.Baseline;
import dev.zoo.results.CheckItem;
import dev.zoo.results.GateReport;
import dev.zoo.results.Run;
import dev.zoo.results.RunRepository;
import dev.zoo.results.Runs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate's decisions, with a stand-in for the evaluation (real plans, no network): what cannot be compared is
 * refused before anything is evaluated, and only comparable runs are compared.
 */
class CheckJobTest {

    static final String CATALOG = """
            Models:
            - Name: tiny
              Metadata: {ID: tiny, Image Size: 32}
              Weights: %1$s
              Network: {Block Units: [1, 1, 1, 1], Stem Width: 8, Norm Groups: 4, Classes: 10}
              Results:
              - {Task: Image Classification, Dataset: ImageNet, Metrics: {Top 1 Accuracy: 10.0, Top 5 Accuracy: 50.0}}
            - Name: wide
              Metadata: {ID: wide, Image Size: 32}
              Weights: %1$s
              Network: {Block Units: [1, 1, 1, 1], Stem Width: 8, Norm Groups: 4, Classes: 1000}
              Results:
              - {Task: Image Classification, Dataset: ImageNet, Metrics: {Top 1 Accuracy: 80.0, Top 5 Accuracy: 95.0}}
            """;

    @TempDir
    Path tmp;

    Database db;
    RunRepository runs;
    EvalJob job;
    CheckJob check;
    Catalog catalog;
    final List<EvalJob.Plan> evaluated = new ArrayList<>();
    double measuredTop1 = 10.0;

    @BeforeEach
    void setUp() throws Exception {
        TestHome home = TestHome.open(tmp.resolve("home"));
        db = home.db();
        runs = home.runs();
        job = home.job();
        WeightsRegistry registry = home.registry();
        // weights the stand-in evaluation never reads: pulled (copied) and pinned like real ones
        Path weights = java.nio.file.Files.write(tmp.resolve("weights.npz"), new byte[]{1, 2, 3});
        catalog = new CatalogLoader().load(new CatalogSource.Text("check.yml", CATALOG.formatted(weights.toUri())));
        check = new CheckJob(registry, runs, new CheckJob.Evaluation() {
            @Override
            public EvalJob.Plan plan(EvalJob.Request request) throws ZooException {
                return job.plan(request);
            }

            @Override
            public Run run(EvalJob.Plan plan, Progress progress, Evaluator.Listener listener) throws ZooException {
                evaluated.add(plan);
                int n = plan.dataset().samples().size();
                Run run = Runs.run(0, plan.model().id(), plan.scope().finished(n, 0), measuredTop1, 50.0);
                try {
                    long id = runs.insertCompleted(new Run(null, run.modelId(), run.status(), run.scope(),
                            dev.zoo.results.Provenance.of(plan.recipe().describe(), "cpu"), null, 1.0, null, null,
                            null, null, null, run.results()));
                    return runs.find(id).orElseThrow();
                } catch (dev.zoo.core.DatabaseException e) {
                    throw new ZooException(ZooException.Kind.IO, e.getMessage(), e);
                }
            }
        });
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    Model model(String id) {
        return catalog.find(id).orElseThrow();
    }

    EvalJob.Request on(Path data, Integer limit) {
        return data == null ? null : new EvalJob.Request(null, new EvalSpec(new EvalSpec.Data(data, null, null, null, null, false),
                new EvalSpec.Selection(limit, null, null, null), new EvalSpec.Compute(4, "cpu", null, false, 1)),
                null, null);
    }

    GateReport gate(Model m, Baseline baseline, boolean fromDb, EvalJob.Request eval) {
        return check.run(new CheckJob.Request(List.of(m), List.of(), baseline, 0.1, fromDb, eval), Progress.NONE,
                new Evaluator.Listener() { });
    }

    @Test
    void claimsAreNotCheckedAgainstAFolderOrPartOfImageNetAndNothingIsEvaluated() throws Exception {
        Path folder = TinyImages.classFolders(tmp.resolve("folder"), 10, 1);
        GateReport r = gate(model("tiny"), null, false, on(folder, null));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.items()).singleElement().extracting(CheckItem::message).asString()
                .contains("not comparable with its claims", "a folder of 10 images", "nothing was evaluated");

        Path part = tmp.resolve("imagenet-part");
        TinyImages.write(part.resolve("n01751748/ILSVRC2012_val_00000001.JPEG"), 20, 20, 1);
        TinyImages.write(part.resolve("n09193705/ILSVRC2012_val_00000002.JPEG"), 20, 20, 2);
        GateReport partial = gate(model("wide"), null, false, on(part, null));
        assertThat(partial.exitCode()).isEqualTo(2);
        assertThat(partial.items().get(0).message()).contains("ImageNet-1k validation, 2 of 50,000 images");
        assertThat(evaluated).isEmpty();
    }

    @Test
    void aBaselineOnOtherImagesIsRefusedBeforeEvaluating() throws Exception {
        Path data = TinyImages.classFolders(tmp.resolve("data"), 10, 2);
        EvalJob.Plan plan = job.plan(on(data, null).forModel(model("tiny")));
        Run recorded = Runs.run(7, "tiny", plan.scope().finished(20, 0), 10.0, 50.0);
        Baseline baseline = Baseline.record(List.of(new Run(7L, "tiny", Run.Status.COMPLETED, recorded.scope(),
                dev.zoo.results.Provenance.of("crop 99", "cpu"), null, 1.0, null, null, null, null, null,
                recorded.results())), "test");

        GateReport other = gate(model("tiny"), baseline, false, on(data, 5));
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.items()).singleElement().extracting(CheckItem::message).asString()
                .contains("other images than the baseline's", "a folder of 20 images, 5 selected (first 5)");
        assertThat(evaluated).isEmpty();

        // the same images: evaluated once, compared, and the changed recipe and weights named as likely causes
        GateReport same = gate(model("tiny"), baseline, false, on(data, null));
        assertThat(evaluated).hasSize(1);
        assertThat(same.exitCode()).isZero();
        assertThat(same.items()).extracting(CheckItem::name).containsExactly("weights sha256",
                "Folder Top 1 Accuracy", "Folder Top 5 Accuracy");
        assertThat(same.notes()).anySatisfy(n -> assertThat(n)
                .contains("the recipe (preprocessing, precision) changed"));

        // from the database: the run on the baseline's images, not a newer one on other images
        runs.insertCompleted(Runs.folder(0, "tiny", 3, 99.0, 99.0));
        GateReport stored = gate(model("tiny"), baseline, true, on(null, null));
        assertThat(stored.exitCode()).as(stored.items().toString()).isZero();
        assertThat(stored.items()).filteredOn(i -> i.name().equals("Folder Top 1 Accuracy"))
                .extracting(CheckItem::measured).containsExactly(10.0);
        assertThat(evaluated).hasSize(1);
    }

    /** A baseline recorded without a data fingerprint, checked --from-db with --data: the run on --data's images. */
    @Test
    void aBaselineWithoutAFingerprintFindsTheRunOnTheDataGiven() throws Exception {
        Path data = TinyImages.classFolders(tmp.resolve("data"), 10, 2);
        EvalJob.Plan plan = job.plan(on(data, null).forModel(model("tiny")));
        Run recorded = Runs.run(7, "tiny", plan.scope().finished(20, 0), 10.0, 50.0);
        dev.zoo.results.Scope unfingerprinted = new dev.zoo.results.Scope(recorded.scope().dataset(),
                recorded.scope().dataPath(), null, null, null, 20, 20, 20, 0, false);
        Baseline baseline = Baseline.record(List.of(new Run(7L, "tiny", Run.Status.COMPLETED, unfingerprinted,
                dev.zoo.results.Provenance.of(plan.recipe().describe(), "cpu"), null, 1.0, null, null, null, null,
                null, recorded.results())), "test");
        runs.insertCompleted(new Run(null, "tiny", Run.Status.COMPLETED, plan.scope().finished(20, 0),
                dev.zoo.results.Provenance.of(plan.recipe().describe(), "cpu"), null, 1.0, null, null, null, null,
                null, recorded.results()));
        GateReport stored = gate(model("tiny"), baseline, true, on(data, null));
        assertThat(stored.exitCode()).as(stored.items().toString()).isZero();
        assertThat(stored.items()).filteredOn(i -> i.name().equals("Folder Top 1 Accuracy"))
                .extracting(CheckItem::measured).containsExactly(10.0);
        assertThat(evaluated).isEmpty();
    }

    @Test
    void claimsFromTheDatabaseUseTheLatestCompleteRunNeverANewerPartialOne() throws Exception {
        runs.insertCompleted(Runs.complete(0, "wide", KnownDataset.IMAGENET, 80.05, 95.0));
        runs.insertCompleted(Runs.partial(0, "wide", KnownDataset.IMAGENET, 5, 20.0, 40.0));
        GateReport r = gate(model("wide"), null, true, on(null, null));
        assertThat(r.exitCode()).as(r.items().toString()).isZero();
        assertThat(r.items()).extracting(CheckItem::measured).containsExactly(80.05, 95.0);
        assertThat(r.items()).allSatisfy(i -> assertThat(i.scope()).isEqualTo("ImageNet-1k validation, complete "
                + "(50,000 images)"));

        GateReport none = gate(model("tiny"), null, true, on(null, null));
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.items().get(0).message()).contains("no complete run of tiny on ImageNet-1k validation");
        assertThat(evaluated).isEmpty();
    }

    @Test
    void aModelMissingFromTheBaselineOrWithoutClaimsCannotBeChecked() throws Exception {
        Baseline empty = new Baseline(Map.of(), List.of(), "now", "test");
        assertThat(gate(model("tiny"), empty, true, on(null, null)).items().get(0).message())
                .contains("is not in the baseline");
    }
}
