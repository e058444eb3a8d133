// Worker thread: trains a classifier from the examples it is sent, posts each pass over the data as progress, and
// posts the serialized model back.
import { parentPort } from "node:worker_threads";
import { serializeModel, type TrainingExample, type TrainOptions, train } from "../../text/classifier.js";

// Sent either the examples, or the examples with training options (the organisation's gated retraining).
parentPort?.once(
  "message",
  (m: TrainingExample[] | { examples: TrainingExample[]; options: TrainOptions }) => {
    try {
      const { examples, options } = Array.isArray(m) ? { examples: m, options: {} } : m;
      const model = train(examples, options, (done, total) =>
        parentPort?.postMessage({ progress: { done, total } }),
      );
      parentPort?.postMessage({ json: serializeModel(model) });
    } catch (err) {
      parentPort?.postMessage({ error: err instanceof Error ? err.message : String(err) });
    }
  },
);
