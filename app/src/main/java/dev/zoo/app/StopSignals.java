package dev.zoo.app;

import dev.zoo.evaluator.EvalJob;
import dev.zoo.registry.Downloader;
import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;

/**
 * SIGTERM (a scheduler, {@code kill}) and SIGINT (Ctrl-C) first mark this process's open runs interrupted, then exit
 * as the JVM would (128 + the signal's number, shutdown hooks and all). Left to the shutdown hooks alone, the mark
 * raced H2's own hook, which closes the database at the same moment; and H2 cannot keep an AUTO_SERVER database open
 * past its hook ({@code DB_CLOSE_ON_EXIT=FALSE} is refused with AUTO_SERVER).
 */
final class StopSignals {

    /** The signal that is stopping this process; null while none is. */
    private static volatile String stoppedBy;

    private StopSignals() {
    }

    /**
     * True once a signal is stopping the process: what was stopped has been said, and whatever the command's own
     * thread meets after it (a pool closing under it, a batch that cannot be stored) is no failure to report.
     */
    static boolean stopping() {
        return stoppedBy != null;
    }

    static void install() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    stoppedBy = name;
                    boolean barShown = ConsoleProgress.silence();
                    // say what was stopped and how to go on: a silent exit 130 leaves the user guessing
                    List<String> said = new ArrayList<>();
                    EvalJob.interruptOpenRuns().forEach(r -> said.add(r));
                    Downloader.inProgress().forEach(d -> said.add("the download of " + d + " is kept; the next "
                            + "zoo pull (or zoo eval) resumes it"));
                    System.err.println((barShown ? "\n" : "") + "zoo: stopped by SIG" + name + (said.isEmpty() ? ""
                            : ": " + String.join("; ", said)));
                    System.err.flush();
                    System.exit(128 + signal.getNumber());
                });
            } catch (IllegalArgumentException e) {
                // the JVM keeps this signal (e.g. -Xrs) or the platform has none: the shutdown hooks still mark runs
            }
        }
    }
}
