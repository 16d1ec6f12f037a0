package dev.zoo.evaluator.eval;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** libtorch keeps grad mode per thread: every thread that runs forward passes turns it off for itself. */
final class Inference {

    private Inference() {
    }

    static void disableGradients() {
        if ("PyTorch".equals(Engine.getInstance().getEngineName())) {
            JniUtils.setGradMode(false);
        }
    }
}
