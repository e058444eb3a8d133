/**
 * `koe import voices` with another system's words, on every database (uses dist/): the dry run names the row and
 * column of 窓口 and suggests 窓口（支所・共済ショップ）; after `koe alias add channel counter 窓口` it imports.
 * `koe survey import` reads a Shift_JIS answer file and a re-run adds nothing.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSurvey } from "../../src/features/surveys/save-survey.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const ROOT = join(import.meta.dirname, "..", "..");
const dialects = await testDialects();

describe.each(dialects)("koe import voices with aliases on %s", (dialect) => {
  let tdb: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), "koe-cli-aliases-"));
  const koe = (args: string[]) => {
    const r = spawnSync(process.execPath, [join(ROOT, "bin", "koe.js"), ...args], {
      cwd: dir,
      env: {
        ...process.env,
        LOG_LEVEL: "silent",
        DATABASE_URL: tdb.url,
        KOE_ADMIN_EMAIL: "admin@example.jp",
        KOE_ADMIN_PASSWORD: "admin-password-1",
      },
      encoding: "utf8",
      timeout: 120_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await tdb?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("suggests the counter channel for 窓口, and imports once 窓口 is its alias", () => {
    const file = join(dir, "コールセンター出力.csv");
    writeFileSync(
      file,
      iconv.encode(
        "受付日時,受付チャネル,種別,分類,内容,外部ID\r\n2025/4/2 11:00,窓口,意見・要望,商品,パンフレットの字を大きくしてほしい,CLI-001\r\n",
        "cp932",
      ),
    );
    const dry = koe(["import", "voices", file, "--dry-run", "--default-department", "東京支所"]);
    expect(dry.code).toBe(2);
    expect(dry.stdout).toContain(
      "2行目, 受付チャネル, 「窓口」, 『窓口』は登録されていない受付チャネルです。『窓口（支所・共済ショップ）』のことなら、設定でその別名に『窓口』を登録すると取り込めます",
    );
    const bad = koe(["alias", "add", "channel", "web", "コールセンター"]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain(
      "別名『コールセンター』はすでに受付チャネル『コールセンター』の名称として使われています",
    );

    const add = koe(["alias", "add", "channel", "counter", "窓口"]);
    expect(add.code).toBe(0);
    expect(add.stdout).toContain("受付チャネル『窓口（支所・共済ショップ）』の別名: 窓口");
    const real = koe(["import", "voices", file, "--default-department", "東京支所"]);
    expect(real.code).toBe(0);
    expect(real.stdout).toContain("1 件を取り込みました");
  });

  it("imports survey answers from Shift_JIS once", async () => {
    const s = await createSurvey(tdb.db, null, {
      name: "2023年度 お支払い時アンケート",
      kind: "payment",
      questions: [
        { key: "overall", type: "satisfaction", label: "総合満足度", required: true, headline: true },
      ],
    });
    const file = join(dir, "回答.csv");
    writeFileSync(
      file,
      iconv.encode("回答ID,回答日時,総合満足度\r\nK-1,2023/5/1,満足\r\nK-2,2023/5/2,やや満足\r\n", "cp932"),
    );
    const first = koe(["survey", "import", "--survey", String(s.id), file]);
    expect(first.stdout).toContain("2 件を取り込みました");
    const again = koe(["survey", "import", "--survey", String(s.id), file]);
    expect(again.stdout).toContain("0 件を取り込みました（取り込み済みの外部IDで飛ばした行 2 件）");
    const bad = join(dir, "誤り.csv");
    writeFileSync(bad, iconv.encode("回答ID,回答日時,総合満足度\r\nK-3,2023/5/3,とても満足\r\n", "cp932"));
    const refused = koe(["survey", "import", "--survey", String(s.id), bad]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain("2行目, 総合満足度, 「とても満足」");
  });
});
