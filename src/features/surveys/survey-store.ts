/** Reading surveys: one row with its kind, the questions parsed, and how it is presented. */
import type { Db } from "../../db/database.js";
import { jstToday } from "../../domain/jst.js";
import { notFound } from "../../errors.js";
import type { Question, Survey, SurveyKind } from "./contract.js";
import { isSurveyOpen } from "./survey-rules.js";

export interface SurveyRecord {
  id: number;
  name: string;
  kind: SurveyKind;
  intro: string;
  purposeNotice: string;
  questions: Question[];
  opensOn: string | null;
  closesOn: string | null;
  closedAt: string | null;
  publicCode: string;
  version: number;
  updatedAt: string;
}

function surveyQuery(db: Db) {
  return db
    .selectFrom("surveys as s")
    .innerJoin("survey_kinds as k", "k.id", "s.kind_id")
    .select([
      "s.id",
      "s.name",
      "s.intro",
      "s.purpose_notice",
      "s.questions",
      "s.opens_on",
      "s.closes_on",
      "s.closed_at",
      "s.public_code",
      "s.version",
      "s.updated_at",
      "k.id as kind_id",
      "k.code as kind_code",
      "k.name as kind_name",
      "k.department_code as kind_department_code",
      "k.active as kind_active",
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof surveyQuery>["executeTakeFirstOrThrow"]>>;

function toRecord(r: Row): SurveyRecord {
  return {
    id: r.id,
    name: r.name,
    kind: {
      id: r.kind_id,
      code: r.kind_code,
      name: r.kind_name,
      departmentCode: r.kind_department_code,
      active: Boolean(r.kind_active),
    },
    intro: r.intro,
    purposeNotice: r.purpose_notice,
    questions: JSON.parse(r.questions) as Question[],
    opensOn: r.opens_on,
    closesOn: r.closes_on,
    closedAt: r.closed_at,
    publicCode: r.public_code,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

export async function loadSurvey(db: Db, id: number): Promise<SurveyRecord> {
  const r = await surveyQuery(db).where("s.id", "=", id).executeTakeFirst();
  if (!r) throw notFound("アンケート");
  return toRecord(r);
}

export async function loadSurveyByCode(db: Db, publicCode: string): Promise<SurveyRecord> {
  const r = await surveyQuery(db).where("s.public_code", "=", publicCode).executeTakeFirst();
  if (!r) throw notFound("アンケート");
  return toRecord(r);
}

export async function listSurveyRecords(db: Db): Promise<SurveyRecord[]> {
  return (await surveyQuery(db).orderBy("s.id", "desc").execute()).map(toRecord);
}

export function surveyIsOpen(s: SurveyRecord, now: Date = new Date()): boolean {
  return isSurveyOpen(s, jstToday(now));
}

export function presentSurvey(s: SurveyRecord, responses: number): Survey {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    intro: s.intro,
    purposeNotice: s.purposeNotice,
    questions: s.questions,
    opensOn: s.opensOn,
    closesOn: s.closesOn,
    closedAt: s.closedAt ? new Date(s.closedAt).toISOString() : null,
    open: surveyIsOpen(s),
    publicCode: s.publicCode,
    responses,
    version: s.version,
    updatedAt: new Date(s.updatedAt).toISOString(),
  };
}
