package dev.zoo.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSpaceTest {

    @TempDir
    Path dir;

    @Test
    void theReserveIsWrittenOnceAndGivenBackOnce() throws Exception {
        Path file = dir.resolve("db/space.reserve");
        DiskSpace.Reserve.keep(dir.resolve("db"));
        assertThat(Files.size(file)).isEqualTo(DiskSpace.Reserve.BYTES);
        long modified = Files.getLastModifiedTime(file).toMillis();
        DiskSpace.Reserve.keep(dir.resolve("db"));
        assertThat(Files.getLastModifiedTime(file).toMillis()).as("kept, not rewritten").isEqualTo(modified);

        assertThat(DiskSpace.Reserve.release(dir.resolve("db"))).isTrue();
        assertThat(file).doesNotExist();
        assertThat(DiskSpace.Reserve.release(dir.resolve("db"))).as("nothing left to give").isFalse();
    }

    @Test
    void aReserveCutShortIsWrittenAgain() throws Exception {
        Path file = Files.createDirectories(dir.resolve("db")).resolve("space.reserve");
        Files.write(file, new byte[10]);
        DiskSpace.Reserve.keep(dir.resolve("db"));
        assertThat(Files.size(file)).isEqualTo(DiskSpace.Reserve.BYTES);
    }

    @Test
    void aFullDiskIsNamedWithItsFolder() {
        DiskSpace.NoSpaceLeft full = new DiskSpace.NoSpaceLeft(dir, null);
        assertThat(full).hasMessage("no space left on " + dir);
        assertThat(full.dir()).isEqualTo(dir);
    }
}
