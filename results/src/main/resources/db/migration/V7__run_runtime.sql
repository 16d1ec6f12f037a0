-- What ran the network: the weights' format and the engine with its version ("ONNX on OnnxRuntime 1.21.1").
ALTER TABLE runs ADD COLUMN runtime VARCHAR(100);
