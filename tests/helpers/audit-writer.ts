/**
 * A separate process appending audit entries (`node --import tsx tests/helpers/audit-writer.ts URL COUNT TAG`), so
 * a test can run two writers at once as two app processes would.
 */
import { openDatabase } from "../../src/db/database.js";
import { recordAudit } from "../../src/services/audit.js";
import { sealAuditChain } from "../../src/services/audit-chain.js";

const [url, count, tag] = process.argv.slice(2);
if (!url || !count || !tag) throw new Error("使い方: audit-writer.ts DATABASE_URL COUNT TAG");
const kdb = await openDatabase(url, { poolSize: 4 });
try {
  // Several at once from this process too: the lock must order them within one process as well.
  const n = Number(count);
  await Promise.all(
    Array.from({ length: 4 }, async (_, lane) => {
      for (let i = lane; i < n; i += 4) {
        await recordAudit(kdb.db, { userId: null, action: "concurrency_test", detail: `${tag}-${i}` });
      }
      // Each lane seals as it goes, as a server does after its groups: two processes link at once.
      await sealAuditChain(kdb.db);
    }),
  );
  await sealAuditChain(kdb.db);
} finally {
  await kdb.close();
}
