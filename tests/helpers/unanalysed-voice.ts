/**
 * Voices for the background word indexer's tests: registered (registration stores the words with the voice), then
 * their words forgotten, as a voice that was imported, written while the analyzer failed, or whose content was
 * edited.
 */
import type { Db } from "../../src/db/database.js";
import type { Actor } from "../../src/domain/voice-workflow.js";
import { forgetWords } from "../../src/features/text/word-index.js";
import { registerVoice } from "../../src/features/voices/register-voice.js";

/** A complaint about handling at the call centre with `content`, registered by `actor`. */
export function registerComplaint(db: Db, actor: Actor, content: string) {
  return registerVoice(db, actor, {
    receivedAt: "2025/6/2 10:00",
    channel: "call_center",
    type: "complaint",
    category: "handling",
    department: "call_center",
    content,
  });
}

/** Registers a voice as above and forgets its words: the indexer must analyse it. Returns its id. */
export async function registerUnanalysedVoice(db: Db, actor: Actor, content: string): Promise<number> {
  const { id } = await registerComplaint(db, actor, content);
  await forgetWords(db, id);
  return id;
}
