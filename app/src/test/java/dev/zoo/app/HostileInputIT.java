package dev.zoo.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code zoo} against hostile catalogues and a full disk: one-line errors, documented exit codes, nothing
 * echoed that is not a catalogue, read-only commands working and nothing half-written.
 */
class HostileInputIT {

    @TempDir
    Path tmp;

    @Test
    void lintNamesTheFileAndLineAndNeverEchoesAFileOutsideTheTree() throws Exception {
        ZooProcess zoo = new ZooProcess(tmp.resolve("home"));
        Path index = Files.writeString(tmp.resolve("index.yml"), "Import:\n- /etc/passwd\n- ../../../../etc/hosts\n"
                + "- 'configs/{a,{b}}/*.yml'\n");
        ZooProcess.Result r = zoo.run("lint", index.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains(index + ":2:3: error: Import '/etc/passwd' reaches /etc/passwd, outside " + tmp)
                .contains(index + ":3:3: error: Import '../../../../etc/hosts' reaches /etc/hosts, outside")
                .contains(index + ":4:3: error: Import 'configs/{a,{b}}/*.yml' is not a valid glob")
                .doesNotContain("root:", "localhost");
        assertThat(r.err()).doesNotContain("Exception");

        Path alias = Files.writeString(tmp.resolve("alias.yml"), "Models: &a [*a]\n");
        ZooProcess.Result cycle = zoo.run("lint", alias.toString());
        assertThat(cycle.exit()).isEqualTo(1);
        assertThat(cycle.out()).contains(alias + ":1:13: error: alias '*a' refers to its own anchor '&a'");

        ZooProcess.Result device = zoo.run("lint", "/dev/zero");
        assertThat(device.exit()).isEqualTo(3);
        assertThat(device.err().strip()).isEqualTo("zoo lint: cannot read /dev/zero: not a regular file");
    }

    @Test
    void readOnlyCommandsWorkOnAFullDiskAndAPullRefusesBeforeItStarts() throws Exception {
        Path disk = Files.createDirectories(tmp.resolve("disk"));
        boolean root = "root".equals(System.getProperty("user.name"));
        Assumptions.assumeTrue(root, "mounting a small tmpfs needs root (CI runs as root)");
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", disk.toString())
                .inheritIO().start();
        assertThat(mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0).as("mount tmpfs").isTrue();
        try {
            ZooProcess zoo = new ZooProcess(disk.resolve("home")).outputTo(tmp);
            ZooProcess.Result first = zoo.run("runs");   // creates the database while there is room
            assertThat(first.exit()).as(first.toString()).isZero();
            Path fill = disk.resolve("fill");
            fillUp(fill, Long.MAX_VALUE);

            ZooProcess.Result show = zoo.run("show", "resnetv2_50x1_bitm");
            assertThat(show.exit()).as(show.toString()).isZero();
            assertThat(show.out()).contains("resnetv2_50x1_bitm");
            assertThat(zoo.run("runs").exit()).isZero();
            ZooProcess.Result pull = zoo.run("pull", "resnetv2_50x1_bitm");
            assertThat(pull.exit()).isEqualTo(3);
            assertThat(pull.err().strip()).startsWith("zoo pull: no space left on " + disk.resolve("home/db"))
                    .doesNotContain("\n");

            Files.delete(fill);
            fillUp(fill, Files.getFileStore(disk).getUsableSpace() - 700 * 1024);   // leave ~700 kB
            ZooProcess.Result tooBig = zoo.run("pull", "resnetv2_50x1_bitm");
            assertThat(tooBig.exit()).as(tooBig.toString()).isEqualTo(3);
            assertThat(tooBig.err()).contains("no space left on " + disk.resolve("home/weights/resnetv2_50x1_bitm"))
                    .contains("needs 102,242,668 bytes");
            try (var files = Files.walk(disk.resolve("home"))) {
                assertThat(files.map(Path::toString)).noneMatch(p -> p.endsWith(".part") || p.contains("weights/"));
            }
        } finally {
            new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    static void fillUp(Path file, long bytes) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, bytes - written));
            }
        } catch (IOException full) {
            // no space left: that is the point
        }
    }
}
