// Worker thread: trains a classifier from the examples it is sent and posts the serialized model back.
import { parentPort } from "node:worker_threads";
import { serializeModel, type TrainingExample, train } from "../../text/classifier.js";

parentPort?.once("message", (examples: TrainingExample[]) => {
  try {
    parentPort?.postMessage({ json: serializeModel(train(examples)) });
  } catch (err) {
    parentPort?.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
});
