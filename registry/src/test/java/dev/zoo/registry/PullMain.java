package dev.zoo.registry;

import dev.zoo.core.Database;
import dev.zoo.core.ZooHome;
import dev.zoo.core.Progress;
import dev.zoo.core.ZooException;
import java.nio.file.Path;
import java.time.Duration;

/** A pull in a process of its own, for the kill/resume and concurrent-pull tests: HOME ID URL SIZE. */
public final class PullMain {

    public static void main(String[] args) throws Exception {
        ZooHome home = new ZooHome(Path.of(args[0]));
        try (Database db = Database.open(home.defaultDatabaseUrl(), "sa", "")) {
            Downloader downloader = new Downloader(new Downloader.Settings(6, Duration.ofMillis(20),
                    Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(5), "zoo-test"));
            WeightsRegistry registry = new WeightsRegistry(home, new ArtifactRepository(db), downloader,
                    RegistrySettings.DEFAULT);
            PullResult r = registry.pull(TestCatalog.model(args[1], args[2], Long.parseLong(args[3]), null),
                    Progress.NONE);
            System.out.println(r.outcome() + " " + r.sha256());
        } catch (ZooException e) {
            System.err.println(e.getMessage());
            System.exit(3);
        }
    }
}
