// Bulk-loads a large number of demo voices into a prepared, empty SQLite database (bench fixtures only).
//
// The demo loader refuses a non-empty database and plans four fiscal years; this one chains the same
// deterministic generator over as many four-year blocks as it takes (one seed per block, oldest first), drops
// the oldest surplus so exactly `target` voices remain, and writes each voice with its customer and a
// "created" timeline event through prepared statements in one transaction.
import type { KoeDatabase } from "../../src/db/database.js";
import {
  DEFAULT_DEMO_SEED,
  type DemoVoice,
  demoYearPlans,
  generateDemoVoices,
} from "../../src/demo/demo-plan.js";
import { addDemoProductLines } from "../../src/demo/demo-product-lines.js";
import { addDemoUsers, demoUsers } from "../../src/demo/demo-users.js";
import { createRandom } from "../../src/demo/random.js";
import { computeDeadlines } from "../../src/domain/deadlines.js";
import { fiscalYearOf, fiscalYearRange } from "../../src/domain/fiscal-period.js";
import { jstDateTimeToIso } from "../../src/domain/jst.js";
import { formatReceiptNumber } from "../../src/domain/receipt-number.js";
import { getSettings } from "../../src/features/users-and-settings/settings.js";
import { taxonomyIndex } from "../../src/features/users-and-settings/taxonomy.js";
import { sqliteBulkIndexer } from "../../src/search/search-index.js";

const MINUTE = 60_000;
const JST_MS = 9 * 3_600_000;
const YEARS_PER_BLOCK = 4;

export interface BulkLoadOptions {
  target: number;
  /** the bench's "today"; the data ends with the last complete fiscal year before it */
  now?: Date;
  seed?: number;
  onProgress?: (voices: number) => void;
}

export interface BulkLoadResult {
  voices: number;
  customers: number;
  events: number;
  fiscalYears: number[];
  seconds: number;
  /** generating and inserting, before the search index is optimized */
  loadSeconds: number;
  /** whether the full-text index was filled */
  search: string;
}

interface Block {
  latestFiscalYear: number;
  seed: number;
  voices: number;
}

/** The four-year blocks, oldest first, that together hold at least `target` voices. */
function planBlocks(target: number, lastComplete: number, seed: number): { blocks: Block[]; total: number } {
  const blocks: Block[] = [];
  let total = 0;
  for (let k = 0; total < target; k++) {
    const latestFiscalYear = lastComplete - k * YEARS_PER_BLOCK;
    // demoYearPlans is the generator's first use of its random stream, so these counts are exactly what it yields.
    const plans = demoYearPlans(latestFiscalYear, createRandom(seed + k));
    let n = 0;
    for (const p of plans) {
      n += p.counts.praise + p.counts.other;
      for (const c of Object.values(p.counts.request)) n += c;
      for (const c of Object.values(p.counts.complaint)) n += c;
    }
    blocks.unshift({ latestFiscalYear, seed: seed + k, voices: n });
    total += n;
  }
  return { blocks, total };
}

export async function bulkLoadVoices(kdb: KoeDatabase, opts: BulkLoadOptions): Promise<BulkLoadResult> {
  const started = performance.now();
  const raw = kdb.sqlite;
  if (!raw) throw new Error("bulkLoadVoices works on SQLite only");
  const { db } = kdb;
  const existing = raw.prepare("select count(*) as n from voices").get() as { n: number };
  if (existing.n > 0) throw new Error("bulkLoadVoices needs a database without voices");

  await addDemoProductLines(db);
  const tax = await taxonomyIndex(db);
  const settings = await getSettings(db);
  const userIds = await addDemoUsers(db, demoUsers(tax.taxonomy.departments.map((d) => d.code)));
  const csId = userIds.get("cs@demo.koe.jp") ?? null;
  const staffOf = (dept: string) => userIds.get(`staff.${dept}@demo.koe.jp`.replace(/_/g, "-")) ?? null;
  const leadOf = (dept: string) => userIds.get(`lead.${dept}@demo.koe.jp`.replace(/_/g, "-")) ?? csId;

  // Label ids by code, looked up once instead of once per voice.
  const ids = new Map<string, number>();
  const labelId = (kind: "type" | "category" | "channel" | "product_line" | "department", code: string) => {
    const key = `${kind}:${code}`;
    let id = ids.get(key);
    if (id === undefined) {
      const l = tax.find(kind, code);
      if (!l) throw new Error(`label ${key} not found`);
      id = l.id;
      ids.set(key, id);
    }
    return id;
  };

  const startMonth = settings.fiscalYearStartMonth;
  const now = opts.now ?? new Date();
  const lastComplete = fiscalYearOf(now, startMonth) - 1;
  const endMs = Date.parse(jstDateTimeToIso(fiscalYearRange(lastComplete, startMonth).toExclusive));
  // Everything is as of the end of the last complete year (like the demo's first stream): recent voices are
  // still open, older ones closed. One millisecond before the end so the year's last voice is not cut off.
  const asOf = new Date(endMs - 1);
  const { blocks, total } = planBlocks(opts.target, lastComplete, opts.seed ?? DEFAULT_DEMO_SEED);
  let skip = total - opts.target;

  const insCustomer = raw.prepare(
    `insert into customers (id, name, kana, member_number, phone, email, prefecture, address, age_band, gender,
       contact_consent) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insVoice = raw.prepare(
    `insert into voices (id, receipt_number, fiscal_year, received_at, channel_id, type_id, category_id,
       product_line_id, department_id, content, remedy_sought, customer_id, status, priority, assignee_id,
       acknowledge_by, resolve_by, acknowledged_at, resolved_by, resolved_at, closed_at, void_reason,
       response_count, insurer_name, insurer_reported_at, insurer_answer, external_id, created_by, created_at,
       updated_at, version)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?, null, null, null, null, ?, ?, ?, ?)`,
  );
  const insEvent = raw.prepare(
    "insert into voice_events (voice_id, kind, actor_id, at, data) values (?, ?, ?, ?, ?)",
  );

  const deadlineCache = new Map<string, ReturnType<typeof computeDeadlines>>();
  const hasSearch =
    raw.prepare("select 1 from sqlite_master where name = 'voice_search'").get() !== undefined;
  // The search engineer's bulk indexer, the same one their demo loader and `koe search reindex` use.
  const indexSearch = hasSearch ? sqliteBulkIndexer(raw) : null;
  const seq = new Map<number, number>();
  let voiceId = 0;
  let customerId = 0;
  const closedCutoff = asOf.getTime();

  const write = (v: DemoVoice) => {
    const fy = fiscalYearOf(v.receivedAt, startMonth);
    const n = (seq.get(fy) ?? 0) + 1;
    seq.set(fy, n);
    voiceId++;
    const t0 = Date.parse(v.receivedAt);
    const at = (minutes: number) => new Date(Math.min(t0 + minutes * MINUTE, closedCutoff)).toISOString();
    // Deadlines depend only on the JST day of receipt and the type; uncached they were a third of the load time.
    const dayKey = `${new Date(t0 + JST_MS).toISOString().slice(0, 10)}|${v.typeCode}`;
    let deadlines = deadlineCache.get(dayKey);
    if (!deadlines) {
      deadlines = computeDeadlines(v.receivedAt, settings.deadlineRules[v.typeCode]);
      deadlineCache.set(dayKey, deadlines);
    }
    const staff = staffOf(v.departmentCode);
    let cid: number | null = null;
    const c = v.customer;
    if (c) {
      cid = ++customerId;
      insCustomer.run(
        cid,
        c.name,
        c.kana,
        c.memberNumber,
        c.phone,
        c.email,
        c.prefecture,
        c.address,
        c.ageBand,
        c.gender,
        c.contactConsent ? 1 : 0,
      );
    }
    // The row is brought to the demo's outcome as the demo loader does; only "created" goes into the timeline.
    const o = v.outcome;
    const assigned = o !== "received" || n % 3 === 0;
    const responses = o !== "received" && (v.responseText ?? v.replyForPraise) ? 1 : 0;
    const done = o === "resolved" || o === "closed";
    const resolvedAt = done ? at(2 * 24 * 60) : null;
    const closedAt = o === "closed" ? at(3 * 24 * 60) : null;
    const receipt = formatReceiptNumber(fy, n);
    insVoice.run(
      voiceId,
      receipt,
      fy,
      v.receivedAt,
      labelId("channel", v.channelCode),
      labelId("type", v.typeCode),
      labelId("category", v.categoryCode),
      v.productLineCode === null ? null : labelId("product_line", v.productLineCode),
      labelId("department", v.departmentCode),
      v.content,
      v.remedySought,
      cid,
      o, // the outcomes are status names
      v.priority,
      assigned ? staff : null,
      deadlines.acknowledgeBy,
      deadlines.resolveBy,
      o !== "received" ? at(60) : null,
      done ? staff : null,
      resolvedAt,
      closedAt,
      responses,
      staff,
      at(5),
      closedAt ?? resolvedAt ?? at(60),
      1 + (assigned ? 1 : 0) + (o !== "received" ? 1 + responses : 0) + (done ? 1 : 0) + (closedAt ? 1 : 0),
    );
    insEvent.run(
      voiceId,
      "created",
      staff ?? leadOf(v.departmentCode),
      at(5),
      JSON.stringify({ receiptNumber: receipt }),
    );
    indexSearch?.(voiceId, v.content);
    if (voiceId % 50_000 === 0) opts.onProgress?.(voiceId);
  };

  const fiscalYears = new Set<number>();
  raw.exec("begin");
  try {
    for (const b of blocks) {
      for (const v of generateDemoVoices({
        latestFiscalYear: b.latestFiscalYear,
        fiscalYearStartMonth: startMonth,
        now: asOf,
        seed: b.seed,
      })) {
        if (skip > 0) {
          skip--;
          continue;
        }
        write(v);
      }
    }
    for (const fy of seq.keys()) fiscalYears.add(fy);
    const counter = raw.prepare(
      `insert into receipt_counters (fiscal_year, last_number) values (?, ?)
       on conflict (fiscal_year) do update set last_number = excluded.last_number`,
    );
    for (const [fy, n] of seq) counter.run(fy, n);
    raw.exec("commit");
  } catch (err) {
    raw.exec("rollback");
    throw err;
  }
  const loadSeconds = (performance.now() - started) / 1000;
  // As `koe search reindex` does after a rebuild: merge the index segments the bulk insert left.
  if (indexSearch) raw.exec("insert into voice_search(voice_search) values ('optimize')");
  const search = indexSearch
    ? "voice_search filled in the same transaction (sqliteBulkIndexer); voice_words (kuromoji) left empty"
    : "no voice_search table in the schema: not filled";
  return {
    voices: voiceId,
    customers: customerId,
    events: voiceId,
    fiscalYears: [...fiscalYears].sort(),
    seconds: (performance.now() - started) / 1000,
    loadSeconds,
    search,
  };
}
