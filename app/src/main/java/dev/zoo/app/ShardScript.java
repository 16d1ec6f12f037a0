package dev.zoo.app;

import dev.zoo.core.ShellWords;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The job that runs a sharded evaluation on a cluster: an sbatch array script (one task per shard) or a Kubernetes
 * Indexed Job (one pod per shard). Both run the same {@code zoo eval ... --shards N}, which takes its shard from the
 * index the scheduler gives each task ({@code SLURM_ARRAY_TASK_ID}, {@code JOB_COMPLETION_INDEX}).
 *
 * @param launcher how a task starts Zoo ({@code /opt/zoo/zoo}, or {@code java -jar .../quarkus-run.jar})
 * @param args     the shard task's arguments ({@code eval MODEL --shards N ...})
 * @param gpus     GPUs each task needs (0 on the CPU)
 * @param logDir   where Slurm writes the tasks' logs
 * @param zooHome  the weights cache the tasks use
 * @param extra    more {@code #SBATCH} options ({@code --sbatch ARG})
 */
record ShardScript(String model, int shards, List<String> launcher, List<String> args, int gpus, String logDir,
                   String zooHome, List<String> extra) {

    /** An sbatch script: comments say how the database and ZOO_HOME are shared; no secret is written into it. */
    String sbatch() {
        StringBuilder sb = new StringBuilder("#!/bin/bash\n");
        sb.append("#SBATCH --job-name=zoo-").append(safe(model)).append('\n');
        sb.append("#SBATCH --array=0-").append(shards - 1).append('\n');
        sb.append("#SBATCH --output=").append(logDir).append("/zoo-").append(safe(model)).append("-%A_%a.out\n");
        sb.append("#SBATCH --export=ALL\n");
        if (gpus > 0) {
            sb.append("#SBATCH --gres=gpu:").append(gpus).append('\n');
        }
        for (String e : extra) {
            sb.append("#SBATCH ").append(e).append('\n');
        }
        sb.append(String.format(Locale.ROOT, """
                #
                # Zoo: one evaluation of %1$s in %2$d shards, one array task each (written %3$s).
                #
                # Database: each task stores its shard's predictions and progress in ZOO_DB_URL, a PostgreSQL
                #   database every node reaches; the last shard to finish merges the evaluation there (top-1/top-5
                #   counted over every image's prediction). The URL and its credentials (ZOO_DB_USER,
                #   ZOO_DB_PASSWORD) come from the environment sbatch exports (--export=ALL), never from this file.
                # ZOO_HOME: the weights cache (%4$s). On a shared filesystem the weights are downloaded
                #   once (a lock per model); on a node-local one each node pulls and verifies its own copy.
                # A task whose node sees other images than the submitter (another copy of the data) refuses to run.
                # Rerun one shard: sbatch --array=K this-file (it continues that shard's interrupted run).
                : "${ZOO_DB_URL:?ZOO_DB_URL must name the PostgreSQL database every node shares}"
                export ZOO_HOME=%5$s
                export OMP_WAIT_POLICY=PASSIVE
                exec %6$s
                """, model, shards, Instant.now(), zooHome, ShellWords.quote(zooHome),
                join(launcher) + " " + join(args)));
        return sb.toString();
    }

    /**
     * A Kubernetes Indexed Job: {@code completions} pods, each with its index in {@code JOB_COMPLETION_INDEX}.
     *
     * @param image a container image with Zoo (and the data mounted at the same path)
     */
    String kubernetes(String image) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, """
                # Zoo: one evaluation of %1$s in %2$d shards, as a Kubernetes Indexed Job: each pod evaluates the
                # shard in JOB_COMPLETION_INDEX and stores it in the shared PostgreSQL database (ZOO_DB_URL, from
                # the secret zoo-db); the last one to finish merges the evaluation. The image must hold Zoo (its
                # `zoo` launcher and a Java 17 runtime) and the data must be mounted at the same path in every pod.
                # Apply with: kubectl apply -f this-file
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: zoo-%3$s
                spec:
                  completionMode: Indexed
                  completions: %2$d
                  parallelism: %2$d
                  backoffLimitPerIndex: 2
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: zoo
                        image: %4$s
                        command: ["zoo"]
                        args:
                """, model, shards, safe(model).toLowerCase(Locale.ROOT).replace('_', '-'), image));
        for (String a : args) {
            sb.append("        - ").append(yaml(a)).append('\n');
        }
        sb.append("""
                        env:
                        - name: ZOO_DB_URL
                          valueFrom: {secretKeyRef: {name: zoo-db, key: url}}
                        - name: ZOO_DB_USER
                          valueFrom: {secretKeyRef: {name: zoo-db, key: user}}
                        - name: ZOO_DB_PASSWORD
                          valueFrom: {secretKeyRef: {name: zoo-db, key: password}}
                        - name: OMP_WAIT_POLICY
                          value: PASSIVE
                """);
        if (gpus > 0) {
            sb.append("            resources:\n              limits: {nvidia.com/gpu: ").append(gpus).append("}\n");
        }
        return sb.toString();
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static String join(List<String> words) {
        return String.join(" ", words.stream().map(ShellWords::quote).toList());
    }

    private static String yaml(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
