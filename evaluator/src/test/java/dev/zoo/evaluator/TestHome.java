package dev.zoo.evaluator;

import dev.zoo.registry.ArtifactRepository;
import dev.zoo.core.Database;
import dev.zoo.registry.Downloader;
import dev.zoo.registry.RegistrySettings;
import dev.zoo.registry.TestDatabases;
import dev.zoo.registry.WeightsRegistry;
import dev.zoo.core.ZooHome;
import dev.zoo.results.RunRepository;
import java.nio.file.Path;

/** A Zoo home in a test's folder, wired as the application wires it: its H2 database, runs, registry and EvalJob. */
record TestHome(Database db, RunRepository runs, WeightsRegistry registry, EvalJob job) {

    static TestHome open(Path root) {
        Database db = TestDatabases.h2(root);
        RunRepository runs = new RunRepository(db);
        ZooHome home = new ZooHome(root);
        WeightsRegistry registry = new WeightsRegistry(home, new ArtifactRepository(db),
                new Downloader(Downloader.Settings.defaults()), RegistrySettings.DEFAULT);
        return new TestHome(db, runs, registry, new EvalJob(home, registry, runs));
    }
}
