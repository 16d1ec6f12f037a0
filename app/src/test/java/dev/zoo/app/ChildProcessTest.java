package dev.zoo.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.core.ZooException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** External commands (sbatch, squeue) answer, fail or hang: each ends within its bound, with a message. */
class ChildProcessTest {

    @Test
    void aHungCommandThatKeepsItsOutputOpenEndsAtTheBound() {
        long start = System.nanoTime();
        // prints, then hangs with stdout open: reading the pipe to its end would wait for ever
        assertThatThrownBy(() -> ChildProcess.run(List.of("sh", "-c", "echo queued; sleep 30"), Duration.ofSeconds(1),
                "asking squeue", ""))
                .isInstanceOf(ZooException.class).hasMessage("asking squeue: sh did not answer in 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void outputFailureAndAMissingCommand() {
        assertThat(ChildProcess.run(List.of("sh", "-c", "echo '12|RUNNING'"), Duration.ofSeconds(10), "x", ""))
                .isEqualTo("12|RUNNING\n");
        assertThatThrownBy(() -> ChildProcess.run(List.of("sh", "-c", "echo no such job >&2; exit 1"),
                Duration.ofSeconds(10), "asking squeue", "")).hasMessage("asking squeue: sh failed: no such job");
        assertThatThrownBy(() -> ChildProcess.run(List.of("no-such-command-zoo"), Duration.ofSeconds(10),
                "submitting", "; is this a Slurm login node?"))
                .hasMessageStartingWith("submitting: cannot run no-such-command-zoo (")
                .hasMessageEndingWith("; is this a Slurm login node?");
    }
}
