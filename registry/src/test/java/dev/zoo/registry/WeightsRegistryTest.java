package dev.zoo.registry;

import dev.zoo.core.Database;
import dev.zoo.core.Sha256;
import dev.zoo.core.ZooHome;
import dev.zoo.core.Progress;
import dev.zoo.core.ZooException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.metadata.Model;
import dev.zoo.metadata.WeightsKind;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WeightsRegistryTest {

    static final Downloader.Settings FAST = new Downloader.Settings(4, Duration.ofMillis(10), Duration.ofMillis(50),
            Duration.ofSeconds(5), Duration.ofMillis(700), "zoo-test");

    @TempDir
    Path home;

    FaultyHttpServer server;
    Database db;
    ArtifactRepository artifacts;
    byte[] content;
    String sha;
    final List<String> notes = new ArrayList<>();
    final Progress progress = new Progress() {
        @Override
        public void note(String message) {
            notes.add(message);
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        server = new FaultyHttpServer();
        db = Database.open("jdbc:h2:mem:registry-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        artifacts = new ArtifactRepository(db);
        content = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(content);
        sha = Sha256.hex(content);
        server.put("/w/model.npz", content);
    }

    @AfterEach
    void tearDown() throws IOException {
        server.close();
        db.close();
    }

    WeightsRegistry registry(RegistrySettings settings) {
        return new WeightsRegistry(new ZooHome(home), artifacts, new Downloader(FAST), settings);
    }

    WeightsRegistry registry() {
        return registry(RegistrySettings.DEFAULT);
    }

    Model model(String sha256) {
        return TestCatalog.model("m", server.uri("/w/model.npz").toString(), (long) content.length, sha256);
    }

    Path target() {
        return home.resolve("weights/m/model.npz");
    }

    @Test
    void cleanDownloadIsVerifiedCachedAndPinned() throws Exception {
        PullResult first = registry().pull(model(null), progress);
        assertThat(first.outcome()).isEqualTo(PullResult.Outcome.DOWNLOADED);
        assertThat(first.sha256()).isEqualTo(sha);
        assertThat(Files.readAllBytes(target())).isEqualTo(content);
        assertThat(artifacts.find("m").orElseThrow().pinSource()).isEqualTo(Artifact.PinSource.FIRST_DOWNLOAD);
        assertThat(artifacts.find("m").orElseThrow().sha256()).isEqualTo(sha);

        PullResult again = registry().pull(model(null), progress);
        assertThat(again.outcome()).isEqualTo(PullResult.Outcome.CACHED);
        assertThat(server.requests()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = FaultyHttpServer.Fault.class, names = {"DROP_ONCE", "RESET_ONCE", "SHORT_BODY_ONCE",
            "STALL_ONCE"})
    void interruptedBodiesAreResumedWithRange(FaultyHttpServer.Fault fault) throws Exception {
        server.fault(fault);
        PullResult r = registry().pull(model(sha), progress);
        assertThat(r.sha256()).isEqualTo(sha);
        assertThat(Files.readAllBytes(target())).isEqualTo(content);
        assertThat(server.ranges()).hasSize(2);
        assertThat(server.ranges().get(0)).isEqualTo("-");
        assertThat(server.ranges().get(1)).matches("bytes=[1-9][0-9]*-");
        // resumed, not restarted (a reset may discard some bytes the server had already written)
        assertThat(server.bodyBytesSent()).isBetween((long) content.length, content.length * 3L / 2);
        assertThat(notes).anyMatch(n -> n.contains("retrying"));
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() throws Exception {
        server.fault(FaultyHttpServer.Fault.UNAVAILABLE_TWICE);
        PullResult r = registry().pull(model(sha), progress);
        assertThat(r.sha256()).isEqualTo(sha);
        assertThat(server.requests()).isEqualTo(3);
        assertThat(notes).filteredOn(n -> n.contains("HTTP 503")).hasSize(2);
    }

    @Test
    void aServerIgnoringRangeGetsACleanFullDownload() throws Exception {
        server.fault(FaultyHttpServer.Fault.IGNORE_RANGE);
        PullResult r = registry().pull(model(null), progress);
        assertThat(r.sha256()).isEqualTo(sha);
        assertThat(Files.readAllBytes(target())).isEqualTo(content);
        assertThat(notes).anyMatch(n -> n.contains("ignored the Range request"));
    }

    @Test
    void aCorruptedDownloadIsRejectedAndNeverLeftInPlace() throws Exception {
        server.fault(FaultyHttpServer.Fault.CORRUPT_BYTE);
        assertThatThrownBy(() -> registry().pull(model(sha), progress))
                .isInstanceOf(ZooException.class)
                .hasMessageContaining("the catalogue's SHA256")
                .hasMessageContaining("moved to")
                .extracting(e -> ((ZooException) e).kind()).isEqualTo(ZooException.Kind.CHECK_FAILED);
        assertThat(target()).doesNotExist();
        assertThat(target().resolveSibling("model.npz.part")).doesNotExist();
        assertThat(artifacts.find("m")).isEmpty();
        try (Stream<Path> q = Files.list(home.resolve("quarantine/m"))) {
            assertThat(q.toList()).singleElement().satisfies(p -> assertThat(Files.size(p)).isEqualTo(content.length));
        }
    }

    @Test
    void aLaterDifferentFileIsAnErrorNotASilentRepin() throws Exception {
        registry().pull(model(null), progress);
        registry().remove("m", false);
        byte[] other = content.clone();
        other[0] ^= 1;
        server.put("/w/model.npz", other);
        assertThatThrownBy(() -> registry().pull(model(null), progress))
                .hasMessageContaining("pinned at its first download")
                .hasMessageContaining("zoo cache rm --unpin m");
        assertThat(target()).doesNotExist();
        assertThat(artifacts.find("m").orElseThrow().sha256()).isEqualTo(sha);

        registry().remove("m", true);
        assertThat(registry().pull(model(null), progress).sha256()).isEqualTo(Sha256.hex(other));
    }

    /**
     * timm's, torchvision's and OpenMMLab's files carry the first digits of their sha256 in their name
     * ({@code name-<hex>.pth}, torch.hub's check): with no catalogue SHA256 that is the file's checksum, after every
     * download and on verify, and the card says which check the file passed.
     */
    @Test
    void theDigitsOfAFileNameAreItsChecksum() throws Exception {
        String right = "/w/resnet50_ram-" + sha.substring(0, 8) + ".pth";
        server.put(right, content);
        Model named = TestCatalog.model("named", server.uri(right).toString(), null, null);
        PullResult ok = registry().pull(named, progress);
        assertThat(ok.pinSource()).isEqualTo(Artifact.PinSource.FILE_NAME);
        assertThat(registry().verify(named, progress).status()).isEqualTo(VerifyResult.Status.OK);
        assertThat(registry().status(named).pinSource()).isEqualTo("file-name");

        String wrong = "/w/resnet50_ram-a26f946b.pth";
        server.put(wrong, content);
        Model liar = TestCatalog.model("liar", server.uri(wrong).toString(), null, null);
        assertThatThrownBy(() -> registry().pull(liar, progress)).isInstanceOf(ZooException.class)
                .satisfies(e -> assertThat(((ZooException) e).kind()).isEqualTo(ZooException.Kind.CHECK_FAILED))
                .hasMessageContaining("liar has sha256 " + sha)
                .hasMessageContaining("its file name resnet50_ram-a26f946b.pth carries a26f946b")
                .hasMessageContaining("moved to " + home.resolve("quarantine"));
        assertThat(home.resolve("weights/liar/resnet50_ram-a26f946b.pth")).doesNotExist();

        // a name whose digits are a word, or too few to be a checksum, pins nothing
        assertThat(WeightsKind.nameDigits("https://x/efficientnet-b0-face.pth")).isEmpty();
        assertThat(WeightsKind.nameDigits("https://x/BiT-M-R50x1-ILSVRC2012.npz")).isEmpty();
        assertThat(WeightsKind.nameDigits("https://x/resnet18-5c106cde.pth?dl=1"))
                .contains("5c106cde");
    }

    @Test
    void aWrongFileSizeFailsBeforeTheBodyIsRead() {
        Model wrong = TestCatalog.model("m", server.uri("/w/model.npz").toString(), content.length + 1L, null);
        assertThatThrownBy(() -> registry().pull(wrong, progress))
                .hasMessageContaining("File Size says 3,145,746")
                .extracting(e -> ((ZooException) e).kind()).isEqualTo(ZooException.Kind.CHECK_FAILED);
        Path part = target().resolveSibling("model.npz.part");
        assertThat(!Files.exists(part) || part.toFile().length() == 0).as("nothing of the body was kept").isTrue();
        assertThat(target()).doesNotExist();
    }

    @Test
    void persistentServerErrorsEndWithAClearError() {
        server.fault(FaultyHttpServer.Fault.UNAVAILABLE_ALWAYS);
        assertThatThrownBy(() -> registry().pull(model(sha), progress))
                .hasMessageContaining("giving up on " + server.uri("/w/model.npz"))
                .hasMessageContaining("HTTP 503")
                .extracting(e -> ((ZooException) e).kind()).isEqualTo(ZooException.Kind.IO);
        assertThat(server.requests()).isEqualTo(FAST.maxAttempts());
        assertThat(target()).doesNotExist();
    }

    @Test
    void notFoundIsNotRetried() {
        Model missing = TestCatalog.model("m", server.uri("/w/absent.npz").toString(), null, null);
        assertThatThrownBy(() -> registry().pull(missing, progress)).hasMessageContaining("HTTP 404");
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void offlineModeNeverTouchesTheNetworkAndSaysWhatIsMissing() throws Exception {
        WeightsRegistry offline = registry(new RegistrySettings(true, null));
        assertThatThrownBy(() -> offline.pull(model(sha), progress))
                .hasMessageContaining("m is not in the cache and ZOO_OFFLINE=1 forbids downloading it from "
                        + server.uri("/w/model.npz"))
                .hasMessageContaining(target().toString())
                .extracting(e -> ((ZooException) e).kind()).isEqualTo(ZooException.Kind.OFFLINE);
        assertThat(server.requests()).isZero();

        registry().pull(model(sha), progress);
        assertThat(offline.pull(model(sha), progress).outcome()).isEqualTo(PullResult.Outcome.CACHED);
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void aMirrorReplacesTheOriginOfWeightsUrls() throws Exception {
        server.put("/mirror/bit_models/x.npz", content);
        Model m = TestCatalog.model("m", "https://storage.googleapis.com/bit_models/x.npz", null, sha);
        WeightsRegistry mirrored = registry(new RegistrySettings(false, server.uri("/mirror/")));
        PullResult r = mirrored.pull(m, progress);
        assertThat(r.source()).isEqualTo(server.uri("/mirror/bit_models/x.npz"));
        assertThat(r.sha256()).isEqualTo(sha);
    }

    @Test
    void fileUrlsAreCopiedAndVerified() throws Exception {
        Path source = Files.write(home.resolve("source.npz"), content);
        Model m = TestCatalog.model("local", source.toUri().toString(), (long) content.length, sha);
        PullResult r = registry(new RegistrySettings(true, null)).pull(m, progress);
        assertThat(r.path()).isEqualTo(home.resolve("weights/local/source.npz"));
        assertThat(Files.readAllBytes(r.path())).isEqualTo(content);
    }

    @Test
    void verifyRehashesAndMovesATamperedFileAside() throws Exception {
        registry().pull(model(null), progress);
        assertThat(registry().verify(model(null), progress).status()).isEqualTo(VerifyResult.Status.OK);
        byte[] tampered = content.clone();
        tampered[1000] ^= 1;
        Files.write(target(), tampered);
        VerifyResult r = registry().verify(model(null), progress);
        assertThat(r.status()).isEqualTo(VerifyResult.Status.MISMATCH);
        assertThat(r.quarantined()).exists();
        assertThat(target()).doesNotExist();
        // a tampered file with a matching size is also caught by pull, which re-hashes a file it has no record for
        Files.write(target(), tampered);
        artifacts.delete("m");
        assertThatThrownBy(() -> registry().pull(model(sha), progress)).hasMessageContaining("catalogue's SHA256");
    }

    @Test
    void cacheListingShowsCompleteAndPartialFiles() throws Exception {
        registry().pull(model(null), progress);
        Files.createDirectories(home.resolve("weights/other"));
        Files.write(home.resolve("weights/other/x.npz.part"), new byte[10]);
        List<CacheEntry> entries = registry().list();
        assertThat(entries).extracting(CacheEntry::modelId, CacheEntry::partial, CacheEntry::size)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("m", false, (long) content.length),
                        org.assertj.core.groups.Tuple.tuple("other", true, 10L));
        assertThat(entries.get(0).artifact().sha256()).isEqualTo(sha);
        assertThat(registry().remove("other", false)).hasSize(1);
        // IDs are free text: "../m" is a model of its own, whose folder is one escaped name, never a way out
        assertThat(registry().remove("../m", false)).isEmpty();
        assertThat(target()).exists();
    }

    @Test
    void aKilledPullIsResumedByTheNextOne() throws Exception {
        ZooHome zooHome = new ZooHome(home);
        server.throttle(1_000_000);      // ~3 s for the whole file
        URI url = server.uri("/w/model.npz");
        Process child = ChildJvm.start(PullMain.class, home.toString(), "m", url.toString(),
                String.valueOf(content.length));
        Path part = home.resolve("weights/m/model.npz.part");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while ((!Files.exists(part) || Files.size(part) < content.length / 4) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        child.destroyForcibly().waitFor();
        long kept = Files.size(part);
        assertThat(kept).isBetween((long) content.length / 4, (long) content.length - 1);

        server.throttle(Long.MAX_VALUE);
        try (Database fileDb = Database.open(zooHome.defaultDatabaseUrl(), "sa", "")) {
            WeightsRegistry resumed = new WeightsRegistry(zooHome, new ArtifactRepository(fileDb),
                    new Downloader(FAST), RegistrySettings.DEFAULT);
            PullResult r = resumed.pull(model(null), progress);
            assertThat(r.resumed()).isTrue();
            assertThat(r.sha256()).isEqualTo(sha);
        }
        assertThat(server.ranges().get(server.ranges().size() - 1)).startsWith("bytes=");
        assertThat(Long.parseLong(server.ranges().get(server.ranges().size() - 1).replaceAll("\\D", "")))
                .isGreaterThanOrEqualTo(kept);
        assertThat(Files.readAllBytes(target())).isEqualTo(content);
    }

    @Test
    void concurrentPullsOfOneModelDownloadItOnce() throws Exception {
        server.throttle(3_000_000);
        URI url = server.uri("/w/model.npz");
        Process a = ChildJvm.start(PullMain.class, home.toString(), "m", url.toString(),
                String.valueOf(content.length));
        Process b = ChildJvm.start(PullMain.class, home.toString(), "m", url.toString(),
                String.valueOf(content.length));
        assertThat(ChildJvm.await(a)).endsWith(" " + sha);
        assertThat(ChildJvm.await(b)).endsWith(" " + sha);
        assertThat(server.requests()).isEqualTo(1);
        assertThat(server.bodyBytesSent()).isEqualTo(content.length);
        assertThat(Files.readAllBytes(target())).isEqualTo(content);
    }
}
