/** Starts koe for real: open and prepare the database, build the app, listen. */
import type { FastifyInstance } from "fastify";
import { prepareDatabase } from "./bootstrap.js";
import { type Config, readConfig } from "./config.js";
import { type KoeDatabase, openTarget } from "./db/database.js";
import { startScheduler } from "./features/notifications/scheduler.js";
import { purgeExpired } from "./features/users-and-settings/sessions.js";
import { buildApp, requestLogSerializers } from "./http/app.js";
import { startAuditSealing } from "./services/audit.js";
import { systemClock } from "./services/clock.js";
import { mailerFromEnv } from "./services/mail/smtp.js";

export interface RunningServer {
  app: FastifyInstance;
  kdb: KoeDatabase;
  url: string;
  /**
   * Stops accepting connections, lets the requests in flight finish (for at most `timeoutMs`, then cuts them off:
   * `forced`), stops the scheduled jobs and closes the database pool.
   */
  close(timeoutMs?: number): Promise<{ forced: boolean }>;
}

export async function startServer(
  config: Config = readConfig(),
  out: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Promise<RunningServer> {
  const kdb = await openTarget(config.database);
  try {
    const prep = await prepareDatabase(kdb, { email: config.adminEmail, password: config.adminPassword });
    if (prep.createdAdmin) {
      out(`最初の管理者を作成しました: ${prep.createdAdmin.email}`);
      if (prep.createdAdmin.generated)
        out(`  パスワード（この一度だけ表示します）: ${prep.createdAdmin.password}`);
    }
  } catch (err) {
    await kdb.close();
    throw err;
  }
  const app = await buildApp({
    db: kdb.db,
    dialect: kdb.dialect,
    logger:
      config.logLevel === "silent" ? false : { level: config.logLevel, serializers: requestLogSerializers },
    secureCookie: config.secureCookie,
    trustProxy: config.trustProxy,
  });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await app.close();
    await kdb.close();
    const e = err as NodeJS.ErrnoException;
    if (e.code === "EADDRINUSE")
      throw new Error(`ポート ${config.port} はすでに使われています（PORT で別の番号を指定してください）`);
    if (e.code === "EACCES") throw new Error(`ポート ${config.port} を使う権限がありません`);
    if (e.code === "EADDRNOTAVAIL" || e.code === "ENOTFOUND")
      throw new Error(`HOST「${config.host}」で待ち受けできません`);
    throw err;
  }
  const timer = setInterval(() => void purgeExpired(kdb.db).catch(() => undefined), 60 * 60 * 1000);
  timer.unref();
  // Every process runs the scheduled jobs; each job is safe when several processes share the database.
  const scheduler = startScheduler({
    db: kdb.db,
    clock: systemClock,
    mailer: mailerFromEnv(),
    intervalMs: config.schedulerIntervalMs,
    baseUrl: config.baseUrl,
    onError: (job, err) => app.log.error({ err, job }, "scheduled job failed"),
  });
  // Links the audit entries written inside transactions (and any a killed process left) into the chain.
  const sealing = startAuditSealing(kdb.db, 1000, (err) =>
    app.log.error({ err }, "audit chain sealing failed"),
  );
  const url = `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${config.port}`;
  return {
    app,
    kdb,
    url,
    async close(timeoutMs = config.shutdownTimeoutMs) {
      clearInterval(timer);
      let forced = false;
      const cutOff = setTimeout(() => {
        forced = true;
        app.server.closeAllConnections();
      }, timeoutMs);
      try {
        // Fastify stops listening, closes idle keep-alive connections and answers 503 to new requests on busy
        // ones, then resolves once the requests in flight have been answered.
        await app.close();
      } finally {
        clearTimeout(cutOff);
      }
      await scheduler.stop();
      await sealing.stop();
      await kdb.close();
      return { forced };
    },
  };
}
