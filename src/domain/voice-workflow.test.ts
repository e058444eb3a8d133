import { describe, expect, it } from "vitest";
import {
  VOICE_ACTIONS,
  VOICE_STATUSES,
  type VoiceActionName,
  type VoiceStatus,
} from "../shared/api-contract.js";
import {
  type Actor,
  allowedActions,
  canEditVoice,
  canHandle,
  canRegister,
  canSeeCustomer,
  complaintTypeChangedBy,
  decideAction,
  decideMerge,
  decideTypeChange,
  MESSAGES,
  type WorkflowVoice,
} from "./voice-workflow.js";

const DEPT = 10;
const OTHER = 20;
const ASSIGNEE = 7;
const RESOLVER = 5;

const actors = {
  admin: { id: 1, role: "admin", departmentId: null },
  cs: { id: 2, role: "cs", departmentId: 1 },
  leadSame: { id: 3, role: "lead", departmentId: DEPT },
  leadOther: { id: 4, role: "lead", departmentId: OTHER },
  staffSame: { id: 6, role: "staff", departmentId: DEPT },
  staffOther: { id: 8, role: "staff", departmentId: OTHER },
  staffAssigned: { id: ASSIGNEE, role: "staff", departmentId: OTHER },
  viewer: { id: 9, role: "viewer", departmentId: DEPT },
} satisfies Record<string, Actor>;
type ActorKey = keyof typeof actors;

function voice(over: Partial<WorkflowVoice> = {}): WorkflowVoice {
  return {
    status: "received",
    typeCode: "request",
    departmentId: DEPT,
    assigneeId: ASSIGNEE,
    resolvedById: RESOLVER,
    responseCount: 1,
    createdById: 6,
    ...over,
  };
}

// Expected next status for an all-powerful-enough actor (cs, not the resolver); "-" = transition_refused.
// Columns follow VOICE_ACTIONS: assign start respond comment resolve approve close reopen void
type Row = [string, string, string, string, string, string, string, string, string];
const EXPECTED: Record<"request" | "complaint" | "praise", Record<VoiceStatus, Row>> = {
  request: {
    received: ["received", "in_progress", "in_progress", "received", "resolved", "-", "-", "-", "voided"],
    in_progress: ["in_progress", "-", "in_progress", "in_progress", "resolved", "-", "-", "-", "voided"],
    resolved: ["resolved", "-", "resolved", "resolved", "-", "-", "closed", "in_progress", "voided"],
    closed: ["-", "-", "-", "closed", "-", "-", "-", "in_progress", "voided"],
    voided: ["-", "-", "-", "-", "-", "-", "-", "-", "-"],
  },
  complaint: {
    received: ["received", "in_progress", "in_progress", "received", "resolved", "-", "-", "-", "voided"],
    in_progress: ["in_progress", "-", "in_progress", "in_progress", "resolved", "-", "-", "-", "voided"],
    resolved: ["resolved", "-", "resolved", "resolved", "-", "closed", "-", "in_progress", "voided"],
    closed: ["-", "-", "-", "closed", "-", "-", "-", "in_progress", "voided"],
    voided: ["-", "-", "-", "-", "-", "-", "-", "-", "-"],
  },
  praise: {
    received: [
      "received",
      "in_progress",
      "in_progress",
      "received",
      "resolved",
      "-",
      "closed",
      "-",
      "voided",
    ],
    in_progress: ["in_progress", "-", "in_progress", "in_progress", "resolved", "-", "closed", "-", "voided"],
    resolved: ["resolved", "-", "resolved", "resolved", "-", "-", "closed", "in_progress", "voided"],
    closed: ["-", "-", "-", "closed", "-", "-", "-", "in_progress", "voided"],
    voided: ["-", "-", "-", "-", "-", "-", "-", "-", "-"],
  },
};

describe("decideAction: every status × action (as cs)", () => {
  for (const [typeCode, byStatus] of Object.entries(EXPECTED)) {
    for (const status of VOICE_STATUSES) {
      VOICE_ACTIONS.forEach((action, i) => {
        const want = byStatus[status][i];
        it(`${typeCode} ${status} + ${action} → ${want}`, () => {
          const d = decideAction(voice({ typeCode, status }), action, actors.cs);
          if (want === "-") {
            expect(d).toMatchObject({ ok: false, code: "transition_refused" });
            if (!d.ok) expect(d.message).toMatch(/[ぁ-んァ-ヶ一-龯]/);
          } else {
            expect(d).toEqual({ ok: true, nextStatus: want });
          }
        });
      });
    }
  }
});

// Who may take each action at all (checked on a voice in a status where the action is possible).
const PERMITTED: Record<VoiceActionName, ActorKey[]> = {
  assign: ["admin", "cs", "leadSame", "staffSame", "staffAssigned"],
  start: ["admin", "cs", "leadSame", "staffSame", "staffAssigned"],
  respond: ["admin", "cs", "leadSame", "staffSame", "staffAssigned"],
  comment: ["admin", "cs", "leadSame", "staffSame", "staffAssigned"],
  resolve: ["admin", "cs", "leadSame", "staffSame", "staffAssigned"],
  approve: ["cs", "leadSame"],
  close: ["admin", "cs", "leadSame", "staffSame", "staffAssigned"],
  reopen: ["admin", "cs", "leadSame", "staffSame", "staffAssigned"],
  void: ["admin", "cs", "leadSame"],
};
const POSSIBLE_IN: Record<VoiceActionName, Partial<WorkflowVoice>> = {
  assign: { status: "received" },
  start: { status: "received" },
  respond: { status: "in_progress" },
  comment: { status: "closed" },
  resolve: { status: "in_progress" },
  approve: { status: "resolved", typeCode: "complaint" },
  close: { status: "resolved" },
  reopen: { status: "closed" },
  void: { status: "in_progress" },
};

describe("decideAction: roles and departments", () => {
  for (const action of VOICE_ACTIONS) {
    for (const key of Object.keys(actors) as ActorKey[]) {
      const allowed = PERMITTED[action].includes(key);
      it(`${key} ${allowed ? "may" : "may not"} ${action}`, () => {
        const d = decideAction(voice(POSSIBLE_IN[action]), action, actors[key]);
        if (allowed) expect(d.ok).toBe(true);
        else expect(d).toMatchObject({ ok: false, code: "forbidden" });
      });
    }
  }

  it("a lead assigned from another department handles but cannot approve or void", () => {
    const lead: Actor = { id: ASSIGNEE, role: "lead", departmentId: OTHER };
    expect(decideAction(voice(), "start", lead).ok).toBe(true);
    expect(decideAction(voice({ status: "resolved", typeCode: "complaint" }), "approve", lead)).toMatchObject(
      {
        code: "forbidden",
        message: MESSAGES.approveRole,
      },
    );
    expect(decideAction(voice(), "void", lead)).toMatchObject({
      code: "forbidden",
      message: MESSAGES.voidRole,
    });
  });

  it("a forbidden actor gets forbidden even when the state would also refuse", () => {
    expect(decideAction(voice({ status: "voided" }), "start", actors.viewer)).toMatchObject({
      code: "forbidden",
      message: MESSAGES.viewer,
    });
    expect(decideAction(voice({ status: "closed" }), "start", actors.staffOther)).toMatchObject({
      code: "forbidden",
    });
  });

  it("viewer may do nothing", () => {
    for (const status of VOICE_STATUSES) {
      expect(allowedActions(voice({ status, typeCode: "complaint" }), actors.viewer)).toEqual([]);
    }
  });
});

describe("complaint closing", () => {
  const resolved = voice({ typeCode: "complaint", status: "resolved", resolvedById: RESOLVER });

  it("close is refused for complaints with the approval message", () => {
    for (const status of ["received", "in_progress", "resolved"] as const) {
      const d = decideAction({ ...resolved, status }, "close", actors.leadSame);
      expect(d).toEqual({ ok: false, code: "transition_refused", message: MESSAGES.complaintClose });
      if (!d.ok) expect(d.message).toContain("苦情は責任者またはCS部門の承認で完了します");
    }
  });

  it("approve without a recorded response is refused", () => {
    const d = decideAction({ ...resolved, responseCount: 0 }, "approve", actors.leadSame);
    expect(d).toMatchObject({ ok: false, code: "transition_refused" });
    if (!d.ok) expect(d.message).toContain("顧客への回答記録がないため完了できません");
  });

  it("self-approval is refused, for a lead and for cs", () => {
    for (const actor of [actors.leadSame, actors.cs]) {
      const d = decideAction({ ...resolved, resolvedById: actor.id }, "approve", actor);
      expect(d).toEqual({ ok: false, code: "forbidden", message: MESSAGES.selfApproval });
    }
  });

  it("another lead of the department approves", () => {
    expect(decideAction(resolved, "approve", actors.leadSame)).toEqual({ ok: true, nextStatus: "closed" });
  });

  it("approve is only for complaints", () => {
    const d = decideAction({ ...resolved, typeCode: "request" }, "approve", actors.cs);
    expect(d).toMatchObject({ ok: false, code: "transition_refused" });
    if (!d.ok) expect(d.message).toContain("完了にする");
  });

  it("approving a complaint that is not resolved says to resolve it first", () => {
    const d = decideAction({ ...resolved, status: "in_progress" }, "approve", actors.cs);
    expect(d).toMatchObject({ ok: false, code: "transition_refused" });
    if (!d.ok) expect(d.message).toContain("対応済にしてから");
  });

  it("an unassigned resolver (null) does not block approval", () => {
    expect(decideAction({ ...resolved, resolvedById: null }, "approve", actors.cs).ok).toBe(true);
  });
});

describe("praise", () => {
  it("closes straight from received", () => {
    expect(
      decideAction(voice({ typeCode: "praise", status: "received" }), "close", actors.staffSame),
    ).toEqual({
      ok: true,
      nextStatus: "closed",
    });
  });
});

describe("allowedActions", () => {
  it("lists actions in contract order", () => {
    expect(allowedActions(voice({ status: "received" }), actors.staffSame)).toEqual([
      "assign",
      "start",
      "respond",
      "comment",
      "resolve",
    ]);
    expect(allowedActions(voice({ status: "resolved", typeCode: "complaint" }), actors.leadSame)).toEqual([
      "assign",
      "respond",
      "comment",
      "approve",
      "reopen",
      "void",
    ]);
    expect(allowedActions(voice({ status: "voided" }), actors.admin)).toEqual([]);
  });

  it("the resolver's own lead view lacks approve", () => {
    const v = voice({ status: "resolved", typeCode: "complaint", resolvedById: actors.leadSame.id });
    expect(allowedActions(v, actors.leadSame)).not.toContain("approve");
  });
});

describe("role helpers", () => {
  const v = { departmentId: DEPT, assigneeId: ASSIGNEE };
  it("canRegister: everyone but viewer", () => {
    expect(
      Object.values(actors)
        .filter(canRegister)
        .map((a) => a.role),
    ).not.toContain("viewer");
    expect(canRegister(actors.viewer)).toBe(false);
    expect(canRegister(actors.staffOther)).toBe(true);
  });
  it("canHandle", () => {
    const yes = (Object.keys(actors) as ActorKey[]).filter((k) => canHandle(actors[k], v));
    expect(yes).toEqual(["admin", "cs", "leadSame", "staffSame", "staffAssigned"]);
    expect(
      canHandle({ id: 50, role: "staff", departmentId: null }, { departmentId: DEPT, assigneeId: null }),
    ).toBe(false);
  });
  it("canSeeCustomer: cs, admin and the handling department only", () => {
    const yes = (Object.keys(actors) as ActorKey[]).filter((k) => canSeeCustomer(actors[k], v));
    expect(yes).toEqual(["admin", "cs", "leadSame", "staffSame"]);
  });
  it("canEditVoice: handlers while not closed or voided", () => {
    expect(canEditVoice(actors.staffSame, { ...v, status: "resolved" })).toBe(true);
    expect(canEditVoice(actors.staffSame, { ...v, status: "closed" })).toBe(false);
    expect(canEditVoice(actors.cs, { ...v, status: "voided" })).toBe(false);
    expect(canEditVoice(actors.staffOther, { ...v, status: "received" })).toBe(false);
  });
});

describe("decideMerge: the department rules of voiding, for both voices", () => {
  const ours = { status: "received", departmentId: DEPT } as const;
  const theirs = { status: "received", departmentId: OTHER } as const;

  it("the same people as void may merge two open voices of the department", () => {
    for (const key of Object.keys(actors) as ActorKey[]) {
      const d = decideMerge(ours, { ...ours, status: "in_progress" }, actors[key]);
      const mayVoid = decideAction(voice({ status: "received" }), "void", actors[key]).ok;
      expect(d.ok, key).toBe(mayVoid);
      if (!d.ok) expect(d.code, key).toBe("forbidden");
    }
  });

  it("a lead may not void another department's voice by merging it", () => {
    expect(decideMerge(theirs, ours, actors.leadSame)).toEqual({
      ok: false,
      code: "forbidden",
      message: MESSAGES.mergeOtherDepartment,
    });
    // the void action says no to the same lead on the same voice
    expect(decideAction(voice({ departmentId: OTHER }), "void", actors.leadSame).ok).toBe(false);
  });

  it("a lead may not merge into another department's voice", () => {
    expect(decideMerge(ours, theirs, actors.leadSame)).toEqual({
      ok: false,
      code: "forbidden",
      message: MESSAGES.mergeIntoOtherDepartment,
    });
    expect(decideMerge(theirs, ours, actors.leadOther)).toMatchObject({
      code: "forbidden",
      message: MESSAGES.mergeIntoOtherDepartment,
    });
  });

  it("a lead assigned to another department's voice still may not merge it", () => {
    const assignedLead: Actor = { id: ASSIGNEE, role: "lead", departmentId: OTHER };
    expect(decideMerge(ours, theirs, assignedLead)).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("cs and admin merge across departments", () => {
    expect(decideMerge(theirs, ours, actors.cs)).toEqual({ ok: true });
    expect(decideMerge(ours, theirs, actors.admin)).toEqual({ ok: true });
  });

  it("staff and viewers are told who may merge", () => {
    for (const actor of [actors.staffSame, actors.staffAssigned, actors.viewer]) {
      expect(decideMerge(ours, ours, actor)).toEqual({
        ok: false,
        code: "forbidden",
        message: MESSAGES.mergeRole,
      });
    }
  });

  it("refuses closed and voided voices on either side", () => {
    const lead = actors.leadSame;
    expect(decideMerge({ ...ours, status: "closed" }, ours, lead)).toEqual({
      ok: false,
      code: "transition_refused",
      message: MESSAGES.mergeClosed,
    });
    expect(decideMerge({ ...ours, status: "voided" }, ours, lead)).toEqual({
      ok: false,
      code: "transition_refused",
      message: MESSAGES.alreadyVoided,
    });
    expect(decideMerge(ours, { ...ours, status: "closed" }, lead)).toEqual({
      ok: false,
      code: "invalid_input",
      field: "intoId",
      message: MESSAGES.mergeIntoClosed,
    });
    expect(decideMerge(ours, { ...ours, status: "voided" }, lead)).toEqual({
      ok: false,
      code: "invalid_input",
      field: "intoId",
      message: MESSAGES.mergeIntoVoided,
    });
    for (const status of ["received", "in_progress", "resolved"] as const) {
      expect(decideMerge({ ...ours, status }, { ...ours, status }, lead)).toEqual({ ok: true });
    }
  });

  it("department rules come before the state, as for every action", () => {
    expect(decideMerge({ ...theirs, status: "closed" }, ours, actors.leadSame)).toMatchObject({
      code: "forbidden",
    });
  });
});

describe("decideTypeChange: a complaint leaves the complaint rules only by a lead's, cs's or an admin's word", () => {
  const away = (toCode: string, reason: string | null = "お礼のお申し出で、不満の表明ではなかったため") => ({
    fromCode: "complaint",
    toCode,
    departmentId: DEPT,
    reason,
  });

  it("a lead of the department, cs and admin may, with a reason; it is its own event", () => {
    for (const actor of [actors.leadSame, actors.cs, actors.admin]) {
      for (const toCode of ["praise", "request", "other"]) {
        expect(decideTypeChange(away(toCode), actor)).toEqual({ ok: true, leavesComplaint: true });
      }
    }
  });

  it("staff, an assigned lead of another department and viewers may not, and are told who may", () => {
    const assignedLead: Actor = { id: ASSIGNEE, role: "lead", departmentId: OTHER };
    for (const actor of [
      actors.staffSame,
      actors.staffAssigned,
      actors.leadOther,
      assignedLead,
      actors.viewer,
    ]) {
      const d = decideTypeChange(away("praise"), actor);
      expect(d).toEqual({ ok: false, code: "forbidden", message: MESSAGES.complaintTypeRole });
      if (!d.ok) expect(d.message).toMatch(/責任者.*CS部門/);
    }
  });

  it("the reason is required (blank, full-width blank and missing are no reason)", () => {
    for (const reason of [null, "", "  ", "　"]) {
      expect(decideTypeChange(away("praise", reason), actors.leadSame)).toEqual({
        ok: false,
        code: "invalid_input",
        field: "typeChangeReason",
        message: MESSAGES.complaintTypeReason,
      });
    }
  });

  it("other changes of type, into a complaint too, are ordinary edits", () => {
    for (const [fromCode, toCode] of [
      ["request", "praise"],
      ["praise", "complaint"],
      ["other", "complaint"],
      ["complaint", "complaint"],
    ] as const) {
      expect(decideTypeChange({ fromCode, toCode, departmentId: DEPT }, actors.staffSame)).toEqual({
        ok: true,
        leavesComplaint: false,
      });
    }
  });
});

describe("close after a change of type away from complaint", () => {
  const LEAD = actors.leadSame.id;
  const changed = (over: Partial<WorkflowVoice> = {}) =>
    voice({ typeCode: "request", status: "resolved", complaintTypeChangedById: LEAD, ...over });

  it("the one who changed the type may not close it alone", () => {
    expect(decideAction(changed(), "close", actors.leadSame)).toEqual({
      ok: false,
      code: "forbidden",
      message: MESSAGES.closeAfterOwnTypeChange,
    });
    expect(
      decideAction(changed({ typeCode: "praise", status: "received" }), "close", actors.leadSame),
    ).toEqual({ ok: false, code: "forbidden", message: MESSAGES.closeAfterOwnTypeChange });
    expect(allowedActions(changed(), actors.leadSame)).not.toContain("close");
  });

  it("anyone else who handles it may", () => {
    for (const actor of [actors.staffSame, actors.staffAssigned, actors.cs, actors.admin]) {
      expect(decideAction(changed(), "close", actor)).toEqual({ ok: true, nextStatus: "closed" });
    }
  });

  it("the current type decides: changed back into a complaint, it closes only by approval", () => {
    const back = changed({ typeCode: "complaint" });
    expect(decideAction(back, "close", actors.staffSame)).toEqual({
      ok: false,
      code: "transition_refused",
      message: MESSAGES.complaintClose,
    });
    expect(decideAction(back, "approve", actors.cs)).toEqual({ ok: true, nextStatus: "closed" });
  });

  it("the state is refused first, as for every action", () => {
    expect(decideAction(changed({ status: "in_progress" }), "close", actors.leadSame)).toMatchObject({
      code: "transition_refused",
    });
  });

  it("complaintTypeChangedBy reads the last change away from complaint from the timeline", () => {
    const e = (kind: string, actorId: number | null, data: Record<string, unknown> = {}) => ({
      kind,
      actor: actorId === null ? null : { id: actorId },
      data,
    });
    expect(complaintTypeChangedBy([])).toBeNull();
    expect(
      complaintTypeChangedBy([
        e("created", 6),
        e("updated", 6, { changes: { type: { before: "意見・要望", after: "苦情" } } }),
      ]),
    ).toBeNull();
    expect(
      complaintTypeChangedBy([
        e("created", 6),
        e("type_changed", 3, { fromCode: "complaint", toCode: "praise" }),
        e("updated", 6),
        e("type_changed", 2, { fromCode: "complaint", toCode: "request" }),
        e("closed", 6),
      ]),
    ).toBe(2);
  });
});

describe("insurer report before closing", () => {
  const lead = { id: 10, role: "lead" as const, departmentId: 1 };
  const complaint = {
    status: "resolved" as const,
    typeCode: "complaint",
    departmentId: 1,
    assigneeId: 11,
    resolvedById: 11,
    responseCount: 1,
    createdById: 11,
  };
  it("refuses approval with a Japanese message on the report field while the report is pending", () => {
    const d = decideAction({ ...complaint, insurerReportPending: true }, "approve", lead);
    expect(d).toEqual({
      ok: false,
      code: "invalid_input",
      field: "insurerReport.reportedAt",
      message: expect.stringContaining("保険会社への報告が必要"),
    });
    expect(decideAction({ ...complaint, insurerReportPending: false }, "approve", lead)).toEqual({
      ok: true,
      nextStatus: "closed",
    });
  });
  it("refuses close of a non-complaint that must be reported", () => {
    const d = decideAction({ ...complaint, typeCode: "request", insurerReportPending: true }, "close", lead);
    expect(d.ok).toBe(false);
  });
});
