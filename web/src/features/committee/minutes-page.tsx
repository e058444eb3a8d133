// 議事録: the meeting as one printable A4 page (outside the app shell). Print CSS sets A4 with margins; long text
// wraps (no fixed widths, no clipping) and an agenda item is not split across pages where it fits on one.
import { Alert, Loader } from "@mantine/core";
import { useEffect, useState } from "react";
import { useParams } from "react-router";
import type { MeetingDetail } from "../../../../src/features/committee/contract.js";
import { AGENDA_KIND_LABELS } from "../../../../src/features/committee/contract.js";
import { IMPROVEMENT_STATUS_LABELS } from "../../../../src/features/improvements/contract.js";
import { api } from "../../api.js";
import { formatDate } from "../../format.js";
import { errorText } from "../improvements/improvement-ui.js";
import "./minutes.css";

export function MinutesPage() {
  const { id } = useParams();
  const [m, setM] = useState<MeetingDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api("GET /api/v1/meetings/:id", { params: { id: Number(id) } }).then(setM, (e) => setError(errorText(e)));
  }, [id]);
  if (error) return <Alert color="red">{error}</Alert>;
  if (!m) return <Loader aria-label="読み込み中" />;
  return (
    <article className="minutes" aria-label="議事録">
      <button type="button" className="minutes-print" onClick={() => window.print()}>
        印刷する
      </button>
      <h1>{m.committee.name} 議事録</h1>
      <table className="minutes-head">
        <tbody>
          <tr>
            <th>開催日</th>
            <td>{formatDate(m.heldOn)}</td>
          </tr>
          <tr>
            <th>議題の対象期間</th>
            <td>
              {formatDate(m.since)}〜{formatDate(m.heldOn)}
            </td>
          </tr>
          <tr>
            <th>出席者</th>
            <td>{m.attendees.map((a) => a.name).join("、")}</td>
          </tr>
        </tbody>
      </table>
      <h2>議題</h2>
      {m.agenda.map((a, i) => (
        <section key={a.id} className="minutes-item">
          <h3>
            {i + 1}. {a.title}
            <span className="minutes-kind">（{AGENDA_KIND_LABELS[a.kind]}）</span>
          </h3>
          {a.body && <p>{a.body}</p>}
          {a.words.length > 0 && (
            <p>
              増えている言葉: {a.words.map((w) => `${w.word}（${w.previousCount}→${w.count}件）`).join("、")}
            </p>
          )}
          {a.voices.length > 0 && (
            <ul>
              {a.voices.slice(0, 5).map((v) => (
                <li key={v.id}>
                  {v.receiptNumber}: {v.excerpt}
                </li>
              ))}
            </ul>
          )}
          {m.decisions
            .filter((d) => d.agendaItemId === a.id)
            .map((d) => (
              <p key={d.id} className="minutes-decision">
                【決定】{d.text}
                {d.improvement &&
                  ` → 改善課題「${d.improvement.title}」 担当: ${d.improvement.ownerDepartment.name}${d.improvement.owner ? `・${d.improvement.owner.name}` : ""} 期限: ${formatDate(d.improvement.dueDate)}（${IMPROVEMENT_STATUS_LABELS[d.improvement.status]}）`}
              </p>
            ))}
        </section>
      ))}
      {m.notes && (
        <>
          <h2>議事メモ</h2>
          <p className="minutes-notes">{m.notes}</p>
        </>
      )}
    </article>
  );
}
