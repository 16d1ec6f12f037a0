package dev.zoo.evaluator.eval;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** libtorch settings: grad mode is per thread (every forward thread turns it off); intra-op threads per process. */
public final class Inference {

    private Inference() {
    }

    /** libtorch's intra-op threads (the forward pass's parallelism). */
    public static void setThreads(int threads) {
        if ("PyTorch".equals(Engine.getInstance().getEngineName())) {
            JniUtils.setNumThreads(threads);
        }
    }

    /** cuDNN's benchmark mode: it times the algorithms for each shape and keeps the fastest (timm turns it on). */
    public static void setCudnnBenchmark(Boolean on) {
        if ("PyTorch".equals(Engine.getInstance().getEngineName())) {
            JniUtils.setBenchmarkCuDNN(Boolean.TRUE.equals(on));
        }
    }

    static void disableGradients() {
        if ("PyTorch".equals(Engine.getInstance().getEngineName())) {
            JniUtils.setGradMode(false);
        }
    }
}
