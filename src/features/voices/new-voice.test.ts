/**
 * A new voice on every database: registration runs in the caller's transaction (and goes back with it, receipt
 * number included), and a registered voice and an imported one are written as the same record.
 */
import {
  AliasNode,
  type CommonTableExpressionNode,
  type InsertQueryNode,
  type OperationNode,
  type QueryResult,
  type RootOperationNode,
  TableNode,
  type UnknownRow,
  type UpdateQueryNode,
} from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../../../tests/helpers/test-database.js";
import type { Actor } from "../../domain/voice-workflow.js";
import type { ImportRow } from "../../io/voice-import-rows.js";
import { importVoices, inImportTransaction } from "../import-export/import-voices.js";
import { taxonomyIndex } from "../users-and-settings/taxonomy.js";
import { registerVoice } from "./register-voice.js";

const dialects = await testDialects();

describe.each(dialects)("a new voice on %s", (dialect) => {
  let tdb: TestDatabase;
  let cs: Actor;

  const complaint = {
    receivedAt: "2025/7/14 15:20",
    channel: "call_center",
    type: "complaint",
    category: "handling",
    department: "call_center",
    content: "共済金の請求書類を送ったが、二週間たっても届いたかどうかの連絡がない。",
    customer: {
      name: "伊藤 美咲",
      memberNumber: "KM-204518",
      phone: "090-3344-5566",
      email: "misaki.ito@example.jp",
      prefecture: "愛知県",
      ageBand: "40代",
      gender: "女性",
    },
  };

  /** Rows in each table a registration writes to. */
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of ["voices", "customers", "voice_events"] as const) {
      const r = await tdb.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      out[table] = Number(r.n);
    }
    return out;
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    const dept = await tdb.db
      .selectFrom("departments")
      .select("id")
      .where("code", "=", "cs")
      .executeTakeFirstOrThrow();
    const u = await tdb.db
      .insertInto("users")
      .values({
        email: "cs-tanaka@example.jp",
        name: "田中 陽子",
        role: "cs",
        department_id: dept.id,
        password_hash: "!not-used",
        active: 1,
        locked_until: null,
        created_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    cs = { id: u.id, role: "cs", departmentId: dept.id };
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("registers in the caller's transaction and goes back with it, receipt number included", async () => {
    const before = await counts();
    let taken = "";
    const failure = await tdb.db
      .transaction()
      .execute(async (trx) => {
        taken = (await registerVoice(trx, cs, complaint)).receiptNumber;
        // written, and visible inside the transaction
        const inside = await trx
          .selectFrom("voices")
          .select("id")
          .where("receipt_number", "=", taken)
          .executeTakeFirst();
        expect(inside).toBeDefined();
        throw new Error("登録の後の処理で障害が起きました");
      })
      .catch((err: Error) => err);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe("登録の後の処理で障害が起きました");
    expect(taken).toMatch(/^2025-\d{6}$/);
    expect(await counts()).toEqual(before);
    // the counter went back too: the next registration gets the same number
    const next = await tdb.db.transaction().execute((trx) => registerVoice(trx, cs, complaint));
    expect(next.receiptNumber).toBe(taken);
  });

  it("numbers a voice in it and in its created event, past six digits too, from the year's counter", async () => {
    // The year's counter one short of a seven-digit number (a million voices in a year).
    await tdb.db.insertInto("receipt_counters").values({ fiscal_year: 2023, last_number: 999_998 }).execute();
    const inYear = { ...complaint, receivedAt: "2023/5/7 9:30" };
    const first = await tdb.db
      .transaction()
      .execute((trx) => registerVoice(trx, cs, inYear, { externalId: "KIKAN-2023-1" }));
    const second = await tdb.db.transaction().execute((trx) => registerVoice(trx, cs, inYear));
    expect([first.receiptNumber, second.receiptNumber]).toEqual(["2023-999999", "2023-1000000"]);
    for (const v of [first, second]) {
      const row = await tdb.db
        .selectFrom("voices")
        .select(["receipt_number", "fiscal_year"])
        .where("id", "=", v.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ receipt_number: v.receiptNumber, fiscal_year: 2023 });
      const created = await tdb.db
        .selectFrom("voice_events")
        .select("data")
        .where("voice_id", "=", v.id)
        .where("kind", "=", "created")
        .executeTakeFirstOrThrow();
      expect(JSON.parse(created.data)).toEqual({
        receiptNumber: v.receiptNumber,
        ...(v === first ? { externalId: "KIKAN-2023-1" } : {}),
      });
    }
    const counter = await tdb.db
      .selectFrom("receipt_counters")
      .select("last_number")
      .where("fiscal_year", "=", 2023)
      .executeTakeFirstOrThrow();
    expect(Number(counter.last_number)).toBe(1_000_000);
  });

  it("writes a registered voice and an imported one as the same record", async () => {
    const tax = await taxonomyIndex(tdb.db);
    const id = (kind: Parameters<typeof tax.find>[0], code: string) => tax.find(kind, code)?.id as number;
    const registered = await tdb.db.transaction().execute((trx) => registerVoice(trx, cs, complaint));
    const row: ImportRow = {
      row: 2,
      externalId: "KIKAN-7781",
      receivedAt: (
        await tdb.db
          .selectFrom("voices")
          .select("received_at")
          .where("id", "=", registered.id)
          .executeTakeFirstOrThrow()
      ).received_at,
      channelId: id("channel", "call_center"),
      typeId: id("type", "complaint"),
      categoryId: id("category", "handling"),
      productLineId: null,
      departmentId: id("department", "call_center"),
      content: complaint.content,
      remedySought: null,
      customer: complaint.customer,
    };
    const imported = await inImportTransaction(tdb, (trx, sqlite) =>
      importVoices(trx, cs, [row], sqlite ? { sqlite } : {}),
    );
    expect(imported.imported).toBe(1);
    const importedId = imported.voiceIds[0] as number;

    const voice = async (voiceId: number) => {
      const v = await tdb.db
        .selectFrom("voices")
        .selectAll()
        .where("id", "=", voiceId)
        .executeTakeFirstOrThrow();
      const c = await tdb.db
        .selectFrom("customers")
        .selectAll()
        .where("id", "=", v.customer_id as number)
        .executeTakeFirstOrThrow();
      const events = await tdb.db
        .selectFrom("voice_events")
        .select(["kind", "actor_id", "data"])
        .where("voice_id", "=", voiceId)
        .orderBy("id")
        .execute();
      const {
        id: _v,
        receipt_number,
        external_id,
        customer_id: _c,
        created_at: _a,
        updated_at: _u,
        ...rest
      } = v;
      const { id: _id, ...customer } = c;
      return { receipt_number, external_id, rest, customer, events };
    };
    const a = await voice(registered.id);
    const b = await voice(importedId);
    expect(b.rest).toEqual(a.rest);
    expect(b.rest).toMatchObject({ status: "received", priority: "normal", version: 1, created_by: cs.id });
    expect(b.customer).toEqual(a.customer);
    expect([a.external_id, b.external_id]).toEqual([null, "KIKAN-7781"]);
    expect(a.events.map((e) => [e.kind, e.actor_id, JSON.parse(e.data)])).toEqual([
      ["created", cs.id, { receiptNumber: a.receipt_number }],
    ]);
    expect(b.events.map((e) => [e.kind, e.actor_id, JSON.parse(e.data)])).toEqual([
      ["created", cs.id, { receiptNumber: b.receipt_number, source: "import", externalId: "KIKAN-7781" }],
    ]);
  });

  it("numbers at the end of the transaction: the receipt counter is among its last three writes", async () => {
    // The counter's row lock is held until the commit; taken early, every registration queued behind the whole
    // transaction of the one before. On PostgreSQL the three are one statement (writes in WITH clauses).
    const written: string[] = [];
    const statementOf: number[] = [];
    let statements = 0;
    const note = (n: OperationNode) => {
      if (n.kind === "InsertQueryNode") written.push(`insert ${tableName((n as InsertQueryNode).into)}`);
      else if (n.kind === "UpdateQueryNode")
        written.push(`update ${tableName((n as UpdateQueryNode).table)}`);
      else return;
      statementOf.push(statements);
    };
    const recorder = {
      transformQuery(args: { node: RootOperationNode }) {
        const n = args.node;
        statements++;
        for (const cte of ("with" in n && n.with ? n.with.expressions : []) as CommonTableExpressionNode[])
          note(cte.expression);
        note(n);
        return n;
      },
      async transformResult(args: { result: QueryResult<UnknownRow> }) {
        return args.result;
      },
    };
    const { id, receiptNumber } = await tdb.db
      .withPlugin(recorder)
      .transaction()
      .execute((trx) => registerVoice(trx, cs, { ...complaint, assigneeId: cs.id }));
    expect(written.length).toBeGreaterThan(5);
    expect(written.slice(-3)).toEqual(["insert receipt_counters", "update voices", "update voice_events"]);
    expect(new Set(statementOf.slice(-3)).size).toBe(dialect === "postgres" ? 1 : 3);
    expect(written.filter((w) => w === "insert receipt_counters")).toHaveLength(1);
    const events = await tdb.db
      .selectFrom("voice_events")
      .select(["kind", "data"])
      .where("voice_id", "=", id)
      .orderBy("id")
      .execute();
    expect(events.map((e) => e.kind)).toEqual(["created", "assigned"]);
    expect(JSON.parse(events[0]?.data ?? "{}")).toEqual({ receiptNumber });
  });

  it("gives registrations made at once unique numbers without gaps, none left provisional", async () => {
    const before = await tdb.db
      .selectFrom("receipt_counters")
      .select("last_number")
      .where("fiscal_year", "=", 2025)
      .executeTakeFirstOrThrow();
    const made = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        tdb.db
          .transaction()
          .execute((trx) =>
            registerVoice(trx, cs, { ...complaint, content: `${complaint.content}（${i + 1}件目）` }),
          ),
      ),
    );
    const numbers = made.map((m) => Number(m.receiptNumber.slice(5))).sort((a, b) => a - b);
    const first = Number(before.last_number) + 1;
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => first + i));
    const provisional = await tdb.db
      .selectFrom("voices")
      .select("id")
      .where("receipt_number", "like", "tmp-%")
      .execute();
    expect(provisional).toEqual([]);
    const created = await tdb.db
      .selectFrom("voice_events as e")
      .innerJoin("voices as v", "v.id", "e.voice_id")
      .select(["v.receipt_number", "e.data"])
      .where("e.kind", "=", "created")
      .execute();
    for (const c of created) expect(JSON.parse(c.data).receiptNumber).toBe(c.receipt_number);
  });
});

/** The table a query writes to, as Kysely's operation tree names it. */
function tableName(node: OperationNode | undefined): string {
  if (!node) return "?";
  if (TableNode.is(node)) return node.table.identifier.name;
  if (AliasNode.is(node)) return tableName(node.node);
  return "?";
}
