// Worker thread: trains a classifier from the examples it is sent and posts the serialized model back.
import { parentPort } from "node:worker_threads";
import { serializeModel, type TrainingExample, type TrainOptions, train } from "../../text/classifier.js";

// Sent either the examples, or the examples with training options (the organisation's gated retraining).
parentPort?.once(
  "message",
  (m: TrainingExample[] | { examples: TrainingExample[]; options: TrainOptions }) => {
    try {
      const { examples, options } = Array.isArray(m) ? { examples: m, options: {} } : m;
      parentPort?.postMessage({ json: serializeModel(train(examples, options)) });
    } catch (err) {
      parentPort?.postMessage({ error: err instanceof Error ? err.message : String(err) });
    }
  },
);
