package dev.zoo.registry;

import dev.zoo.core.Sha256;
import dev.zoo.core.ZooHome;
import dev.zoo.core.Progress;
import dev.zoo.core.DiskSpace;
import dev.zoo.core.ZooException;
import dev.zoo.metadata.Model;
import dev.zoo.metadata.WeightsKind;
import dev.zoo.metadata.arch.WeightsFacts;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The weights cache: {@code ZOO_HOME/weights/<model id>/<file name>}. A file is only ever put there by an atomic rename
 * after its size and sha256 were checked, so whatever is there was verified; a file that fails a check is moved to
 * {@code ZOO_HOME/quarantine}, never used and never silently deleted.
 */
public final class WeightsRegistry {

    private static final System.Logger LOG = System.getLogger(WeightsRegistry.class.getName());
    private static final String PART = CacheLayout.PART;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    private final ZooHome home;
    private final ArtifactRepository artifacts;
    private final Downloader downloader;
    private final RegistrySettings settings;
    private final CacheLayout layout;

    public WeightsRegistry(ZooHome home, ArtifactRepository artifacts, Downloader downloader,
                           RegistrySettings settings) {
        this.home = home;
        this.artifacts = artifacts;
        this.downloader = downloader;
        this.settings = settings;
        this.layout = new CacheLayout(home, settings);
    }

    /** Where the model's weights live once pulled. */
    public Path cachedPath(Model model) throws ZooException {
        return layout.weightsFile(model);
    }

    /** True when a complete file sits in the cache (it was verified before it was put there). */
    public boolean isCached(Model model) {
        try {
            return Files.isRegularFile(cachedPath(model));
        } catch (ZooException e) {
            return false;
        }
    }

    /** The sha256 a model's weights must have: the catalogue's SHA256, else the one recorded at the first download. */
    public Optional<String> pin(Model model) throws ZooException {
        return model.sha256() != null ? Optional.of(model.sha256()) : artifact(model.id()).map(Artifact::sha256);
    }

    /** Makes sure the model's verified weights are in the cache, downloading or resuming as needed. */
    public PullResult pull(Model model, Progress progress) throws ZooException {
        Path target = cachedPath(model);
        URI source = settings.resolve(model.weights());
        try (PullLock ignored = PullLock.acquire(home.modelLock(model.id()), progress::note)) {
            Optional<Artifact> record = artifact(model.id());
            String pin = model.sha256() != null ? model.sha256() : record.map(Artifact::sha256).orElse(null);
            if (Files.isRegularFile(target)) {
                Optional<PullResult> cached = useCached(model, target, source, record, pin, progress);
                if (cached.isPresent()) {
                    return cached.get();
                }
            }
            if (settings.offline() && RegistrySettings.isNetwork(source)) {
                throw new ZooException(ZooException.Kind.OFFLINE, String.format(Locale.ROOT,
                        "%s is not in the cache and ZOO_OFFLINE=1 forbids downloading it from %s%s; pull it where "
                                + "the network is reachable%s", model.id(), source,
                        model.metadata().fileSize() == null ? "" : String.format(Locale.ROOT, " (%,d bytes)",
                                model.metadata().fileSize()), model.sha256() != null ? ", or copy the file to "
                                + target + " (it is checked against the catalogue's SHA256)" : ""));
            }
            Path part = CacheLayout.partial(target);
            Long expected = model.metadata().fileSize();
            if (expected != null) {   // before the first byte: no partial state on a disk that cannot hold it
                DiskSpace.require(target.getParent(), expected - (Files.isRegularFile(part) ? Files.size(part) : 0),
                        model.id() + "'s weights");
            }
            Files.createDirectories(target.getParent());
            Downloader.Download d = downloader.fetch(source, part, model.metadata().fileSize(), progress);
            check(model, part, d.size(), d.sha256(), pin, record);
            syncToDisk(part);
            moveIntoPlace(part, target);
            Artifact.PinSource pinSource = pinSource(model, record);
            Instant now = Instant.now();
            saveArtifact(new Artifact(model.id(), source.toString(), target, d.size(), d.sha256(), pinSource, now,
                    now));
            LOG.log(Level.INFO, "pulled {0} ({1} bytes, sha256 {2})", model.id(), d.size(), d.sha256());
            return new PullResult(model.id(), target, d.size(), d.sha256(), PullResult.Outcome.DOWNLOADED, source,
                    pinSource, d.resumed());
        } catch (IOException e) {
            throw new ZooException(ZooException.Kind.IO, "cannot use the cache at " + target.getParent() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * A cached file is trusted without re-hashing when its database record matches it; a file with a record or a
     * catalogue SHA256 is re-hashed against that pin. A file nothing vouches for (no recorded download, no catalogue
     * pin: copied in by hand, or the database was reset) is never trusted: it is moved aside and downloaded afresh.
     */
    private Optional<PullResult> useCached(Model model, Path target, URI source, Optional<Artifact> record, String pin,
                                           Progress progress) throws IOException, ZooException {
        long size = Files.size(target);
        if (record.isPresent() && record.get().path().equals(target) && record.get().size() == size
                && (pin == null || pin.equals(record.get().sha256()))) {
            return Optional.of(new PullResult(model.id(), target, size, record.get().sha256(),
                    PullResult.Outcome.CACHED, source, record.get().pinSource(), false));
        }
        if (pin == null) {
            Path moved = quarantine(model.id(), target, Quarantine.UNKNOWN_PROVENANCE);
            progress.warn(model.id() + ": the cached " + target.getFileName() + " has " + CacheState.UNKNOWN_PROVENANCE
                    .label() + " (no recorded download, no SHA256 in the catalogue); moved to " + moved
                    + " and downloading afresh");
            return Optional.empty();
        }
        progress.start("hashing cached " + target.getFileName(), size, 0);
        String sha = Sha256.of(target, progress::advance);
        progress.finish();
        check(model, target, size, sha, pin, record);
        if (record.isEmpty()) {
            progress.warn(model.id() + ": adopted the cached " + target.getFileName() + ": its size and sha256 match "
                    + "the catalogue's");
        }
        Artifact.PinSource pinSource = pinSource(model, record);
        Instant now = Instant.now();
        saveArtifact(new Artifact(model.id(), source.toString(), target, size, sha, pinSource,
                record.map(Artifact::downloadedAt).orElse(now), now));
        return Optional.of(new PullResult(model.id(), target, size, sha, PullResult.Outcome.CACHED, source, pinSource,
                false));
    }

    private static Artifact.PinSource pinSource(Model model, Optional<Artifact> record) {
        if (model.sha256() != null) {
            return Artifact.PinSource.CATALOG;
        }
        if (WeightsKind.nameDigits(model.weights()).isPresent()) {
            return Artifact.PinSource.FILE_NAME;
        }
        return record.map(Artifact::pinSource).orElse(Artifact.PinSource.FIRST_DOWNLOAD);
    }

    /** Size against File Size, digest against the pin; a failure moves the file aside and explains. */
    private void check(Model model, Path file, long size, String sha, String pin, Optional<Artifact> record)
            throws ZooException {
        Optional<String> problem = problem(model, size, sha, pin, record);
        if (problem.isPresent()) {
            Path moved = quarantine(model.id(), file, Quarantine.FAILED_VERIFICATION);
            throw new ZooException(ZooException.Kind.CHECK_FAILED, problem.get() + "; the file was moved to "
                    + moved);
        }
    }

    private static Optional<String> problem(Model model, long size, String sha, String pin,
                                            Optional<Artifact> record) {
        Long expectedSize = model.metadata().fileSize();
        if (expectedSize != null && size != expectedSize) {
            return Optional.of(String.format(Locale.ROOT, "%s is %,d bytes, but the catalogue's File Size says %,d",
                    model.id(), size, expectedSize));
        }
        Optional<String> digits = WeightsKind.nameDigits(model.weights());
        if (digits.isPresent() && !sha.startsWith(digits.get())) {
            return Optional.of(model.id() + " has sha256 " + sha + ", but its file name "
                    + WeightsFacts.fileName(model.weights()) + " carries " + digits.get() + ", the digits its sha256 "
                    + "must start with (torch.hub's check): a damaged or substituted file");
        }
        if (pin != null && !pin.equals(sha)) {
            String origin = model.sha256() != null ? "the catalogue's SHA256 (" + model.pos().file() + ")"
                    : "the sha256 pinned at its first download" + record.map(a -> a.downloadedAt() == null ? ""
                    : " on " + a.downloadedAt()).orElse("");
            return Optional.of(model.id() + " has sha256 " + sha + ", but " + origin + " is " + pin
                    + (model.sha256() == null ? " (if the file was re-published on purpose: zoo cache rm --unpin "
                    + model.id() + ")" : ""));
        }
        return Optional.empty();
    }

    /** Re-hashes a model's cached file against its pin. */
    public VerifyResult verify(Model model, Progress progress) throws ZooException {
        return verify(model.id(), cachedPath(model), model, progress);
    }

    /**
     * Re-hashes a cached file of a model that no loaded catalogue names, against the pin recorded when it was
     * downloaded.
     */
    public VerifyResult verifyOrphan(String modelId, Path file, Progress progress) throws ZooException {
        return verify(modelId, file, null, progress);
    }

    private VerifyResult verify(String id, Path target, Model model, Progress progress) throws ZooException {
        try (PullLock ignored = PullLock.acquire(home.modelLock(id), progress::note)) {
            if (!Files.isRegularFile(target)) {
                return new VerifyResult(id, VerifyResult.Status.NOT_CACHED, target, 0, null, null, null,
                        "not in the cache (zoo pull " + id + ")");
            }
            Optional<Artifact> record = artifact(id).filter(a -> a.path().equals(target));
            String catalogPin = model == null ? null : model.sha256();
            String pin = catalogPin != null ? catalogPin : record.map(Artifact::sha256).orElse(null);
            long size = Files.size(target);
            if (pin == null) {
                // nothing vouches for this file: it is never pinned to whatever it happens to hold
                return new VerifyResult(id, VerifyResult.Status.UNKNOWN_PROVENANCE, target, size, null, null, null,
                        "no download of " + target.getFileName() + " was recorded and "
                                + (model == null ? "no loaded catalogue names " + id : "the catalogue pins no SHA256")
                                + "; never used: zoo pull " + id + " sets it aside and downloads the file afresh");
            }
            progress.start("verifying " + id, size, 0);
            String sha = Sha256.of(target, progress::advance);
            progress.finish();
            Optional<String> problem = model != null ? problem(model, size, sha, pin, record)
                    : pin.equals(sha) && record.get().size() == size ? Optional.empty()
                    : Optional.of(String.format(Locale.ROOT, "%s is %,d bytes with sha256 %s, but its recorded "
                    + "download was %,d bytes with sha256 %s", target, size, sha, record.get().size(), pin));
            if (problem.isPresent()) {
                Path moved = quarantine(id, target, Quarantine.FAILED_VERIFICATION);
                return new VerifyResult(id, VerifyResult.Status.MISMATCH, target, size, pin, sha, moved,
                        problem.get() + "; the file was moved to " + moved);
            }
            Instant now = Instant.now();
            if (record.isEmpty()) {
                // found in the cache, verified against the catalogue's SHA256: recorded from now on
                saveArtifact(new Artifact(id, settings.resolve(model.weights()).toString(), target, size, sha,
                        Artifact.PinSource.CATALOG, null, now));
            } else {
                artifacts.markVerified(id, now);
            }
            return new VerifyResult(id, VerifyResult.Status.OK, target, size, pin, sha, null, "ok");
        } catch (IOException e) {
            throw new ZooException(ZooException.Kind.IO, "cannot read " + target + ": " + e.getMessage(), e);
        }
    }

    /** What {@code zoo show} and the model card say about a model's weights. */
    public WeightsStatus status(Model model) throws ZooException {
        if (model.weights() == null) {
            return new WeightsStatus(null, model.metadata().fileSize(), model.sha256(), false, null, null, null, null,
                    null, null);
        }
        Path path = cachedPath(model);
        Optional<Artifact> a = artifact(model.id());
        boolean cached = Files.isRegularFile(path);
        Long size;
        try {
            size = cached ? Files.size(path) : null;
        } catch (IOException e) {
            throw new ZooException(ZooException.Kind.IO, "cannot read " + path + ": " + e.getMessage(), e);
        }
        return new WeightsStatus(model.weights(), model.metadata().fileSize(), model.sha256(), cached,
                path.toString(), size, a.map(Artifact::sha256).orElse(null),
                a.map(x -> x.pinSource().label()).orElse(null), a.map(Artifact::downloadedAt).orElse(null),
                a.map(Artifact::verifiedAt).orElse(null));
    }

    /** Every file in the cache, complete or partial, with its record. */
    public List<CacheEntry> list() throws ZooException {
        List<CacheEntry> out = new ArrayList<>();
        if (!Files.isDirectory(home.weights())) {
            return out;
        }
        try (DirectoryStream<Path> models = Files.newDirectoryStream(home.weights())) {
            for (Path dir : models) {
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                String id = ZooHome.modelIdOf(dir.getFileName().toString());
                Optional<Artifact> record = artifact(id);
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                    for (Path f : files) {
                        boolean partial = f.getFileName().toString().endsWith(PART);
                        out.add(new CacheEntry(id, f, Files.size(f), partial,
                                partial ? null : record.filter(a -> a.path().equals(f)).orElse(null)));
                    }
                }
            }
        } catch (IOException e) {
            throw new ZooException(ZooException.Kind.IO, "cannot list " + home.weights() + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(CacheEntry::modelId).thenComparing(CacheEntry::path));
        return out;
    }

    /**
     * Deletes a model's cached files (complete and partial). The pin stays unless {@code unpin}: a re-download must be
     * the same file.
     *
     * @return the files deleted
     */
    public List<Path> remove(String modelId, boolean unpin) throws ZooException {
        Path dir = home.modelWeights(modelId);
        List<Path> deleted = new ArrayList<>();
        try (PullLock ignored = PullLock.acquire(home.modelLock(modelId), m -> { })) {
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                    for (Path f : files) {
                        Files.delete(f);
                        deleted.add(f);
                    }
                }
                Files.delete(dir);
            }
            if (unpin) {
                artifacts.delete(modelId);
            }
        } catch (IOException e) {
            throw new ZooException(ZooException.Kind.IO, "cannot delete " + dir + ": " + e.getMessage(), e);
        }
        return deleted;
    }

    /** A file {@code zoo cache gc} would delete, and why. */
    public record Garbage(String modelId, Path path, long size, String reason) {
    }

    /**
     * What the cache holds that nothing needs: partial downloads older than {@code partialAge}, quarantined files, and
     * the files of models that no loaded catalogue names ({@code knownIds}). Nothing is deleted here.
     */
    public List<Garbage> garbage(Set<String> knownIds, java.time.Duration partialAge) throws ZooException {
        List<Garbage> out = new ArrayList<>();
        Instant cutoff = Instant.now().minus(partialAge);
        try {
            if (Files.isDirectory(home.weights())) {
                try (DirectoryStream<Path> models = Files.newDirectoryStream(home.weights())) {
                    for (Path dir : models) {
                        if (!Files.isDirectory(dir)) {
                            continue;
                        }
                        String id = ZooHome.modelIdOf(dir.getFileName().toString());
                        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                            for (Path f : files) {
                                boolean partial = f.getFileName().toString().endsWith(PART);
                                if (!knownIds.contains(id)) {
                                    out.add(new Garbage(id, f, Files.size(f), "no loaded catalogue names " + id));
                                } else if (partial && Files.getLastModifiedTime(f).toInstant().isBefore(cutoff)) {
                                    out.add(new Garbage(id, f, Files.size(f), "partial download untouched since "
                                            + Files.getLastModifiedTime(f).toInstant()));
                                }
                            }
                        }
                    }
                }
            }
            if (Files.isDirectory(home.quarantine())) {
                try (java.util.stream.Stream<Path> walk = Files.walk(home.quarantine())) {
                    for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                        Path rel = home.quarantine().relativize(f);
                        out.add(new Garbage(rel.getNameCount() > 1 ? rel.getName(0).toString() : null, f,
                                Files.size(f), "quarantined: " + Quarantine.of(f).label()));
                    }
                }
            }
        } catch (IOException e) {
            throw new ZooException(ZooException.Kind.IO, "cannot list the cache in " + home.root() + ": "
                    + e.getMessage(), e);
        }
        return out;
    }

    /** Deletes what {@link #garbage} found (weights files under their model's pull lock), and emptied folders. */
    public void collect(List<Garbage> garbage) throws ZooException {
        for (Garbage g : garbage) {
            boolean weights = g.path().startsWith(home.weights());
            try (PullLock ignored = weights ? PullLock.acquire(home.modelLock(g.modelId()), m -> { })
                    : null) {
                Files.deleteIfExists(g.path());
                Path dir = g.path().getParent();
                if (!dir.equals(home.weights()) && !dir.equals(home.quarantine())) {
                    try (DirectoryStream<Path> left = Files.newDirectoryStream(dir)) {
                        if (!left.iterator().hasNext()) {
                            Files.delete(dir);
                        }
                    }
                }
            } catch (IOException e) {
                throw new ZooException(ZooException.Kind.IO, "cannot delete " + g.path() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Why a file was moved to {@code ZOO_HOME/quarantine}, written into its name there. */
    enum Quarantine {
        FAILED_VERIFICATION("failed verification", ""),
        UNKNOWN_PROVENANCE(CacheState.UNKNOWN_PROVENANCE.label() + ", never verified", "unknown-provenance-");

        private final String label;
        private final String tag;

        Quarantine(String label, String tag) {
            this.label = label;
            this.tag = tag;
        }

        String label() {
            return label;
        }

        /** Read back from a quarantined file's name ("20261203-101500-000-unknown-provenance-w.npz"). */
        static Quarantine of(Path file) {
            String name = file.getFileName().toString();
            return name.length() > STAMP_LENGTH && name.startsWith(UNKNOWN_PROVENANCE.tag, STAMP_LENGTH)
                    ? UNKNOWN_PROVENANCE : FAILED_VERIFICATION;
        }
    }

    /** "yyyyMMdd-HHmmss-SSS-": the quarantine's time stamp and its dash. */
    private static final int STAMP_LENGTH = 20;

    private Path quarantine(String modelId, Path file, Quarantine why) throws ZooException {
        try {
            Path dir = home.modelQuarantine(modelId);
            Files.createDirectories(dir);
            String name = file.getFileName().toString();
            if (name.endsWith(PART)) {
                name = name.substring(0, name.length() - PART.length());
            }
            Path dest = dir.resolve(STAMP.format(Instant.now()) + "-" + why.tag + name);
            Files.move(file, dest, StandardCopyOption.ATOMIC_MOVE);
            return dest;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(file);   // never leave a bad file where it would be used
            } catch (IOException ignored) {
                // reported below
            }
            throw new ZooException(ZooException.Kind.IO, "cannot move the bad file " + file + " aside: "
                    + e.getMessage(), e);
        }
    }

    private static void syncToDisk(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private static void moveIntoPlace(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target.getParent() + " cannot rename atomically", e);
        }
    }

    private Optional<Artifact> artifact(String id) throws ZooException {
        return artifacts.find(id);
    }

    private void saveArtifact(Artifact a) throws ZooException {
        artifacts.save(a);
    }
}
