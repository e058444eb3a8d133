/**
 * Retraining the classifier as a background job, through HTTP on every database: POST answers 202 with the job,
 * GET shows its stage, progress and result; one job at a time across processes (a second start gets 409 in
 * Japanese, two claims at once get one slot); a job whose lease ran out is superseded; a stopping server marks
 * its job interrupted; only cs and admins may start or watch it; restoring the previous model is refused (409)
 * while a job runs, not once its lease ran out.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RetrainJob, RetrainJobStatus, RetrainResult } from "../../src/features/classifier/contract.js";
import type { RetrainJobOptions } from "../../src/features/classifier/retrain-job.js";
import {
  claimRetrainJob,
  INTERRUPTED_BY_LEASE,
  INTERRUPTED_BY_SHUTDOWN,
  LEASE_MS,
} from "../../src/features/classifier/retrain-jobs.js";
import { createUser } from "../../src/features/users-and-settings/users.js";
import type { VoiceDetail } from "../../src/shared/api-contract.js";
import { serializeModel, train } from "../../src/text/classifier.js";
import { readBuiltinCorpus } from "../../src/text/corpus-files.js";
import { type ApiClient, clientAs, PASSWORD, seedUsers, testApp } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

type Trainer = NonNullable<RetrainJobOptions["trainer"]>;

/** A trainer held at its first reported pass until the test lets it go (and stopped by the job's signal). */
function heldTrainer() {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const trainer: Trainer = async (examples, options, hooks) => {
    hooks.onProgress?.(3, 60);
    await new Promise<void>((resolve, reject) => {
      void gate.then(resolve);
      hooks.signal?.addEventListener("abort", () => reject(hooks.signal?.reason), { once: true });
    });
    return serializeModel(train(examples, options, hooks.onProgress));
  };
  return { trainer, release };
}

const until = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> => {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what} にならないまま時間切れ: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

// Closed voices the organisation filed: what a retraining learns from (a fifth held back to compare the models).
const FILED = [
  { content: "コールセンターの電話がつながりにくい。", type: "complaint", category: "handling" },
  { content: "担当の方が丁寧に説明してくださり、よく分かりました。", type: "praise", category: "handling" },
  { content: "共済金の請求書類をもう一部送ってほしい。", type: "request", category: "claim" },
  { content: "掛金の引き落とし日を月末に変えられると助かります。", type: "request", category: "servicing" },
  { content: "支所の窓口で長く待たされて不愉快だった。", type: "complaint", category: "handling" },
  {
    content: "事故の受付がとても早くて助かりました。ありがとうございました。",
    type: "praise",
    category: "claim",
  },
  {
    content: "住所変更の手続きをインターネットでもできるようにしてほしい。",
    type: "request",
    category: "servicing",
  },
];

describe.each(dialects)("classifier retraining jobs on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let cs: ApiClient;
  let admin: ApiClient;
  const held = { current: heldTrainer() };
  const status = async () => (await cs.get<RetrainJobStatus>("/api/v1/model/retrain")).body.job;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    const corpus = (await readBuiltinCorpus()).filter((_, i) => i % 8 === 0);
    app = await testApp(tdb, {
      classifierRetrain: { corpus, trainer: (...a) => held.current.trainer(...a) },
    });
    await seedUsers(tdb);
    cs = await clientAs(app, "cs@example.jp");
    await createUser(tdb.db, {
      email: "kanri@example.jp",
      name: "管理 太郎",
      role: "admin",
      departmentCode: null,
      password: PASSWORD,
    });
    admin = await clientAs(app, "kanri@example.jp");
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("lets only cs and admins start or watch a retraining", async () => {
    for (const email of ["staff@example.jp", "lead@example.jp", "viewer@example.jp"]) {
      const c = await clientAs(app, email);
      const started = await c.post<{ error: { message: string } }>("/api/v1/model/retrain");
      expect(started.status, email).toBe(403);
      expect((await c.get("/api/v1/model/retrain")).status, email).toBe(403);
    }
    expect((await cs.get<RetrainJobStatus>("/api/v1/model/retrain")).body).toEqual({ job: null });
    const anonymous = await app.inject({ method: "GET", url: "/api/v1/model/retrain" });
    expect(anonymous.statusCode).toBe(401);
    expect(await tdb.db.selectFrom("classifier_retrain_jobs").select("id").execute()).toEqual([]);
  });

  it("fails in Japanese when too few voices have a settled type", async () => {
    const r = await cs.post<RetrainJob>("/api/v1/model/retrain");
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(r.body).toMatchObject({ source: "retrain", state: "running", startedBy: { name: "相談 花子" } });
    const done = await until(status, (j) => j?.state !== "running", "失敗");
    expect(done?.state).toBe("failed");
    expect(done?.error).toMatch(/^学習には分類が確定した声が50件以上必要です（いま\d+件）$/);
    expect(done?.finishedAt).not.toBeNull();
  });

  it("trains in the background: 202, then progress, then both scores and whether the model is used", async () => {
    const staff = await clientAs(app, "staff@example.jp");
    for (let i = 0; i < 70; i++) {
      const v = FILED[i % FILED.length] as (typeof FILED)[number];
      const r = await staff.post<VoiceDetail>("/api/v1/voices", {
        receivedAt: `2026/11/${String(1 + (i % 28)).padStart(2, "0")} 10:00`,
        channel: "call_center",
        department: "call_center",
        content: `${v.content}（${i + 1}件目）`,
        type: v.type,
        category: v.category,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    await tdb.db.updateTable("voices").set({ status: "closed" }).execute();

    held.current = heldTrainer();
    const started = await cs.post<RetrainJob>("/api/v1/model/retrain");
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.body.state).toBe("running");
    expect(started.body.result).toBeNull();

    const training = await until(status, (j) => j?.stage === "training" && j.progress !== null, "学習中");
    expect(training).toMatchObject({
      id: started.body.id,
      state: "running",
      progress: { done: 3, total: 60 },
    });
    expect(training?.percent).toBeGreaterThan(5);
    expect(training?.percent).toBeLessThan(90);

    // One at a time: another start (another person, or another process on the same database) is refused.
    const second = await admin.post<{ error: { code: string; message: string } }>("/api/v1/model/retrain");
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("conflict");
    expect(second.body.error.message).toMatch(
      /^分類モデルを学習し直している最中です（\d{4}\/\d{2}\/\d{2} \d{2}:\d{2} に開始）。終わってからもう一度お試しください$/,
    );

    held.current.release();
    const done = await until(status, (j) => j?.state !== "running", "完了");
    expect(done, JSON.stringify(done)).toMatchObject({ state: "succeeded", stage: "done", percent: 100 });
    expect(done?.progress?.done).toBe(done?.progress?.total);
    expect(done?.finishedAt).not.toBeNull();
    const held1 = done?.result?.version?.heldBack;
    expect(held1?.n).toBeGreaterThanOrEqual(10);
    expect(typeof held1?.candidateF1).toBe("number");
    expect(typeof held1?.currentF1).toBe("number");
    expect(done?.result?.activated).toBe((held1?.candidateF1 ?? 0) > (held1?.currentF1 ?? 0));
    expect(done?.result?.message).toMatch(/新しいモデルを使い始めました|新しいモデルは使いません/);
    const models = await tdb.db.selectFrom("classifier_models").select("id").execute();
    expect(models.map((m) => m.id)).toContain(done?.result?.version?.id);

    // Free again: the next start runs.
    const next = await cs.post<RetrainJob>("/api/v1/model/retrain");
    expect(next.status).toBe(202);
    held.current.release();
    await until(status, (j) => j?.id === next.body.id && j.state !== "running", "2回目の完了");
  });

  it("gives the slot to exactly one of two processes claiming at once", async () => {
    const claims = await Promise.allSettled([
      claimRetrainJob(tdb.db, { source: "retrain", startedBy: null, owner: "process-a" }),
      claimRetrainJob(tdb.db, { source: "retrain", startedBy: null, owner: "process-b" }),
    ]);
    expect(claims.map((c) => c.status).sort()).toEqual(["fulfilled", "rejected"]);
    const running = await tdb.db
      .selectFrom("classifier_retrain_jobs")
      .select(["owner"])
      .where("state", "=", "running")
      .execute();
    expect(running).toHaveLength(1);
    // That process keeps its lease: a start from here is refused.
    expect((await cs.post("/api/v1/model/retrain")).status).toBe(409);
  });

  it("supersedes a job whose process stopped answering (its lease ran out)", async () => {
    // The process of the job claimed above died: its lease ran out a minute ago.
    const lapsed = new Date(Date.now() - 60_000).toISOString();
    await tdb.db
      .updateTable("classifier_retrain_jobs")
      .set({ lease_until: lapsed, heartbeat_at: new Date(Date.now() - LEASE_MS - 60_000).toISOString() })
      .where("state", "=", "running")
      .execute();
    const shown = await status();
    expect(shown).toMatchObject({ state: "interrupted", error: INTERRUPTED_BY_LEASE });

    held.current = heldTrainer();
    const started = await cs.post<RetrainJob>("/api/v1/model/retrain");
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const old = await tdb.db
      .selectFrom("classifier_retrain_jobs")
      .select(["state", "running_slot", "error", "finished_at"])
      .where("id", "=", shown?.id ?? 0)
      .executeTakeFirstOrThrow();
    expect(old).toMatchObject({ state: "interrupted", running_slot: null, error: INTERRUPTED_BY_LEASE });
    expect(old.finished_at).not.toBeNull();
    held.current.release();
    await until(status, (j) => j?.id === started.body.id && j.state === "succeeded", "引き継いだ学習の完了");
  });

  it("marks its job interrupted when the server stops, and the next start runs", async () => {
    held.current = heldTrainer();
    const started = await cs.post<RetrainJob>("/api/v1/model/retrain");
    expect(started.status).toBe(202);
    await until(status, (j) => j?.stage === "training", "学習中");
    await app.close();
    const row = await tdb.db
      .selectFrom("classifier_retrain_jobs")
      .select(["state", "running_slot", "error"])
      .where("id", "=", started.body.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: "interrupted", running_slot: null, error: INTERRUPTED_BY_SHUTDOWN });
    app = await testApp(tdb, {
      classifierRetrain: { trainer: (...a) => held.current.trainer(...a), corpus: [] },
    });
    cs = await clientAs(app, "cs@example.jp");
    held.current = heldTrainer();
    held.current.release();
    expect((await cs.post("/api/v1/model/retrain")).status).toBe(202);
    await until(status, (j) => j?.state !== "running", "再開後の完了");
  });

  it("refuses a restore while a job runs (409), and not once the job's lease ran out", async () => {
    // A trained model in use, so a restore has something to take out of use.
    const model = await tdb.db
      .selectFrom("classifier_models")
      .select("id")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    await tdb.db
      .updateTable("classifier_models")
      .set({ activated_at: new Date().toISOString() })
      .where("id", "=", model.id)
      .execute();
    const inUse = async () =>
      (
        await tdb.db
          .selectFrom("classifier_models")
          .select("activated_at")
          .where("id", "=", model.id)
          .executeTakeFirstOrThrow()
      ).activated_at;

    admin = await clientAs(app, "kanri@example.jp"); // the app was started again above
    held.current = heldTrainer();
    const started = await cs.post<RetrainJob>("/api/v1/model/retrain");
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    await until(status, (j) => j?.stage === "training", "学習中");
    const refused = await admin.post<{ error: { code: string; message: string } }>("/api/v1/model/restore");
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.error.code).toBe("conflict");
    expect(refused.body.error.message).toMatch(
      /^分類モデルを学習し直している最中です（\d{4}\/\d{2}\/\d{2} \d{2}:\d{2} に開始）。以前のモデルに戻すのは学習が終わってからにしてください$/,
    );
    expect(await inUse()).not.toBeNull();
    held.current.release();
    await until(status, (j) => j?.id === started.body.id && j.state !== "running", "学習の完了");

    // A job whose process died holds nothing: its lease ran out, so the restore goes ahead.
    const gone = await claimRetrainJob(tdb.db, { source: "weekly", startedBy: null, owner: "process-gone" });
    await tdb.db
      .updateTable("classifier_retrain_jobs")
      .set({ lease_until: new Date(Date.now() - 1_000).toISOString() })
      .where("id", "=", gone)
      .execute();
    const restored = await cs.post<RetrainResult>("/api/v1/model/restore");
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    expect(restored.body).toMatchObject({ activated: true });
    expect(restored.body.message).toMatch(/に戻しました$/);
    // The model the job may have activated went first; a second restore takes out the one set in use above.
    if ((await inUse()) !== null) {
      const again = await cs.post<RetrainResult>("/api/v1/model/restore");
      expect(again.status, JSON.stringify(again.body)).toBe(200);
    }
    expect(await inUse()).toBeNull();
  });
});
