/**
 * Loads the demo organization into an empty database: users for every role and four fiscal years of
 * voices with their timelines, in large multi-row inserts (265,000 voices must load in under a minute).
 */
import type { KoeDatabase } from "../db/database.js";
import { type BulkRow, dialectNamed } from "../db/dialect.js";
import { computeDeadlines } from "../domain/deadlines.js";
import { fiscalYearOf } from "../domain/fiscal-period.js";
import { formatReceiptNumber } from "../domain/receipt-number.js";
import { getSettings, updateSettings } from "../features/users-and-settings/settings.js";
import { taxonomyIndex } from "../features/users-and-settings/taxonomy.js";
import { customerRow } from "../features/voices/customers.js";
import { reindexAll, sqliteBulkIndexer } from "../search/search-index.js";
import { type DemoHistory, type DemoVoice, demoVoicesUpTo, federationDemoOptions } from "./demo-plan.js";
import { addDemoProductLines } from "./demo-product-lines.js";
import { addDemoUsers, DEMO_PASSWORD, type DemoUser, demoUsers } from "./demo-users.js";

export interface DemoLoadResult {
  users: DemoUser[];
  password: string;
  voices: number;
  events: number;
  fiscalYears: number[];
  seconds: number;
}

const MINUTE = 60_000;

export async function loadDemo(
  kdb: KoeDatabase,
  opts: {
    now?: Date;
    /**
     * YYYY-MM-DD: the federation's own years up to the end of that day in Japan (`koe demo --as-of`): fiscal
     * years from June, stored in the settings, the oldest of the four complete years seed 003's FY2019 and the
     * latest seed 004's FY2022 (for 2023-05-31 exactly FY2019–FY2022). Not with `now`.
     */
    asOf?: string;
    seed?: number;
    onProgress?: (voices: number) => void;
    /** stop after this many voices (tests load a small demo the same way) */
    maxVoices?: number;
    /**
     * Only what counting needs, from this fiscal year on: the same voices (the generator still walks every year,
     * so each year's voices and receipt numbers are unchanged) without the earlier years, the timelines or the
     * search index. The golden tests of figures use it: on PostgreSQL the full load spends most of its time on
     * 1.3 M timeline rows and the search index, which no count reads.
     */
    figuresFrom?: number;
  } = {},
): Promise<DemoLoadResult> {
  const started = Date.now();
  if (opts.asOf !== undefined && opts.now !== undefined)
    throw new RangeError("loadDemo: asOf or now, not both");
  const federation = opts.asOf !== undefined ? federationDemoOptions(opts.asOf) : null;
  const now = federation?.now ?? opts.now ?? new Date();
  const history: DemoHistory = federation?.history ?? "jittered";
  const { db } = kdb;
  const existing = await db
    .selectFrom("voices")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0)
    throw new Error(
      "このデータベースにはすでに声が登録されています。デモデータは空のデータベースにだけ読み込めます",
    );

  // The demo federation sells a few product lines beyond the defaults; add them as an admin would.
  await addDemoProductLines(db);
  // The federation's fiscal year starts in June; the settings say so, as its admin would have set them.
  if (federation) await updateSettings(db, { fiscalYearStartMonth: federation.fiscalYearStartMonth });
  const tax = await taxonomyIndex(db);
  const settings = await getSettings(db);
  const departments = tax.taxonomy.departments.map((d) => d.code);
  const users = demoUsers(departments);
  const userIds = await addDemoUsers(db, users);
  const nameOf = new Map(users.map((u) => [userIds.get(u.email), u.name]));
  const staffOf = (dept: string) => userIds.get(`staff.${dept}@demo.koe.jp`.replace(/_/g, "-")) ?? null;
  const leadOf = (dept: string) => userIds.get(`lead.${dept}@demo.koe.jp`.replace(/_/g, "-")) ?? null;
  const csId = userIds.get("cs@demo.koe.jp") ?? null;

  const labelId = (
    kind: "type" | "category" | "channel" | "product_line" | "department",
    code: string | null,
  ) => {
    if (code === null) return null;
    const l = tax.find(kind, code);
    if (!l) throw new Error(`デモデータのラベル ${kind}:${code} が見つかりません`);
    return l.id;
  };

  const startMonth = settings.fiscalYearStartMonth;
  // Four complete fiscal years, then the current one up to now, so the demo has open and overdue work too.
  const demoVoices = demoVoicesUpTo({
    now,
    fiscalYearStartMonth: startMonth,
    seed: opts.seed ?? 2022,
    history,
  });

  // Large multi-row inserts (PostgreSQL) or a prepared statement per row in one transaction (SQLite); a table's
  // buffered rows are written after those of the tables it references, so foreign keys always find their rows.
  const dialect = dialectNamed(kdb.dialect);
  const customers = dialect.bulkInserter(kdb, "customers");
  const voices = dialect.bulkInserter(kdb, "voices", { beforeFlush: () => customers.flush() });
  const events = dialect.bulkInserter(kdb, "voice_events", { beforeFlush: () => voices.flush() });
  const seq = new Map<number, number>();
  let voiceId = 0;
  let customerId = 0;
  let eventId = 0;
  const fiscalYears = new Set<number>();
  const closedCutoff = now.getTime();

  const byYear = new Map<number, DemoVoice[]>();
  const flushYear = async (fy: number) => {
    const list = byYear.get(fy);
    if (!list) return;
    byYear.delete(fy);
    list.sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0));
    for (const v of list) {
      const n = (seq.get(fy) ?? 0) + 1;
      seq.set(fy, n);
      voiceId++;
      const typeCode = v.typeCode;
      const deadlines = computeDeadlines(v.receivedAt, settings.deadlineRules[typeCode]);
      const staff = staffOf(v.departmentCode);
      const lead = leadOf(v.departmentCode) ?? csId;
      const t0 = Date.parse(v.receivedAt);
      const at = (minutes: number) => new Date(Math.min(t0 + minutes * MINUTE, closedCutoff)).toISOString();
      let cid: number | null = null;
      if (v.customer) {
        customerId++;
        cid = customerId;
        await customers.add({ id: cid, ...customerRow(v.customer) });
      }
      // Events wait until their voice row is queued, so a flush never writes an event before its voice.
      const pending: BulkRow[] = [];
      const ev = async (
        kind: string,
        minutes: number,
        actor: number | null,
        data: Record<string, unknown>,
      ) => {
        eventId++;
        pending.push({
          id: eventId,
          voice_id: voiceId,
          kind,
          actor_id: actor,
          at: at(minutes),
          data: JSON.stringify(data),
        });
      };
      const receipt = formatReceiptNumber(fy, n);
      await ev("created", 5, staff, { receiptNumber: receipt });
      const o = v.outcome;
      const assigned = o !== "received" || n % 3 === 0;
      const response = v.responseText ?? v.replyForPraise;
      let responses = 0;
      let status = "received";
      let resolvedBy: number | null = null;
      let resolvedAt: string | null = null;
      let closedAt: string | null = null;
      let acknowledgedAt: string | null = null;
      if (assigned)
        await ev("assigned", 30, lead, {
          assignee: { id: staff, name: nameOf.get(staff ?? undefined) ?? "" },
          previousAssigneeId: null,
        });
      if (o !== "received") {
        status = "in_progress";
        acknowledgedAt = at(60);
        await ev("started", 60, staff, { from: "received", to: "in_progress" });
        if (response) {
          responses = 1;
          await ev("responded", 24 * 60, staff, {
            respondedAt: at(24 * 60),
            method: v.responseMethod ?? "電話",
            content: response,
          });
        }
      }
      if (o === "resolved" || o === "closed") {
        status = "resolved";
        resolvedBy = staff;
        resolvedAt = at(2 * 24 * 60);
        await ev("resolved", 2 * 24 * 60, staff, { from: "in_progress", to: "resolved" });
      }
      if (o === "closed") {
        status = "closed";
        closedAt = at(3 * 24 * 60);
        if (typeCode === "complaint")
          await ev("approved", 3 * 24 * 60, lead, { from: "resolved", to: "closed", resolvedById: staff });
        else await ev("closed", 3 * 24 * 60, staff, { from: "resolved", to: "closed" });
      }
      await voices.add({
        id: voiceId,
        receipt_number: receipt,
        fiscal_year: fy,
        received_at: v.receivedAt,
        channel_id: labelId("channel", v.channelCode),
        type_id: labelId("type", typeCode),
        category_id: labelId("category", v.categoryCode),
        product_line_id: labelId("product_line", v.productLineCode),
        department_id: labelId("department", v.departmentCode),
        content: v.content,
        remedy_sought: v.remedySought,
        customer_id: cid,
        status,
        priority: v.priority,
        assignee_id: assigned ? staff : null,
        acknowledge_by: deadlines.acknowledgeBy,
        resolve_by: deadlines.resolveBy,
        acknowledged_at: acknowledgedAt,
        resolved_by: resolvedBy,
        resolved_at: resolvedAt,
        closed_at: closedAt,
        void_reason: null,
        response_count: responses,
        insurer_name: null,
        insurer_reported_at: null,
        insurer_answer: null,
        external_id: null,
        created_by: staff,
        created_at: at(5),
        updated_at: closedAt ?? resolvedAt ?? at(60),
        version:
          1 +
          (assigned ? 1 : 0) +
          (status !== "received" ? 1 + responses : 0) +
          (resolvedAt ? 1 : 0) +
          (closedAt ? 1 : 0),
      });
      if (opts.figuresFrom === undefined) for (const e of pending) await events.add(e);
      if (voiceId % 10000 === 0) opts.onProgress?.(voiceId);
    }
    // customers and voices must exist before events reference them
    await customers.flush();
    await voices.flush();
    await events.flush();
  };

  const run = async () => {
    let taken = 0;
    for (const v of demoVoices) {
      if (opts.maxVoices !== undefined && taken++ >= opts.maxVoices) break;
      const fy = fiscalYearOf(v.receivedAt, startMonth);
      if (opts.figuresFrom !== undefined && fy < opts.figuresFrom) continue;
      fiscalYears.add(fy);
      let list = byYear.get(fy);
      if (!list) {
        // A new year begins: the previous ones are complete (the generator goes oldest first).
        for (const y of [...byYear.keys()]) if (y < fy) await flushYear(y);
        list = [];
        byYear.set(fy, list);
      }
      list.push(v);
    }
    for (const y of [...byYear.keys()].sort()) await flushYear(y);
  };

  const raw = dialect.rawHandle(kdb);
  if (raw) {
    // One transaction makes SQLite write once instead of once per row.
    raw.exec("begin");
    try {
      await run();
      // The search index in one pass over the new voices, in the same transaction (faster than row by row
      // between the voice and event inserts: the index's pages stay together).
      const indexSearch = sqliteBulkIndexer(raw);
      const page = raw.prepare("select id, content from voices where id > ? order by id limit 10000");
      for (let last = 0; opts.figuresFrom === undefined; ) {
        const rows = page.all(last) as { id: number; content: string }[];
        if (rows.length === 0) break;
        for (const r of rows) indexSearch(r.id, r.content);
        last = rows[rows.length - 1]?.id ?? last;
      }
      raw.exec("commit");
    } catch (err) {
      raw.exec("rollback");
      throw err;
    }
  } else {
    await run();
    if (opts.figuresFrom === undefined) await reindexAll(kdb);
  }
  // The voices, events and customers were written with their ids.
  await dialect.continueIdsAfter(db, ["voices", "voice_events", "customers"]);
  for (const [fy, n] of seq) {
    await db
      .insertInto("receipt_counters")
      .values({ fiscal_year: fy, last_number: n })
      .onConflict((oc) => oc.column("fiscal_year").doUpdateSet({ last_number: n }))
      .execute();
  }
  return {
    users,
    password: DEMO_PASSWORD,
    voices: voices.count,
    events: events.count,
    fiscalYears: [...fiscalYears].sort(),
    seconds: (Date.now() - started) / 1000,
  };
}
