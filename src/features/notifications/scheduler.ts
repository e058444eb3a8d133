/**
 * The jobs that run on a schedule inside `koe serve`: overdue insurer reports, circulation reminders, improvements
 * reaching their due date, the weekly
 * 声の日 digest, the 確認待ち sweep and the weekly classifier retraining (when set), then the mail outbox. Each job is safe with several processes on one database (claimed rows and
 * unique keys, see each job), so every process runs the scheduler. The first run is at start-up, which is how a
 * server that was down catches up. Time comes from the clock, so tests can move it.
 */
import type { Db } from "../../db/database.js";
import type { Clock } from "../../services/clock.js";
import type { Mailer } from "../../services/mail/smtp.js";
import { remindUnreadCirculations } from "../circulation/remind-unread.js";
import { runDueDigests } from "../circulation/run-digests.js";
import { sweepFlaggedVoices } from "../classifier/review-queue.js";
import { runWeeklyRetrain } from "../classifier/weekly-retrain.js";
import { notifyOverdueInsurerReports } from "../insurer-reports/notify-overdue.js";
import { deliverPendingMails } from "./mail-outbox.js";
import { notifyImprovementsDue } from "./notify-improvements-due.js";

export interface SchedulerOptions {
  db: Db;
  clock: Clock;
  mailer: Mailer | null;
  intervalMs: number;
  /** the server's address for links in mails (KOE_BASE_URL), if known */
  baseUrl?: string | null;
  onError?: (job: string, err: unknown) => void;
}

export interface Scheduler {
  /** one pass of every job (what each timer tick does) */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

export function startScheduler(opts: SchedulerOptions, autoStart = true): Scheduler {
  let running: Promise<void> | null = null;
  let stopped = false;
  const job = async (name: string, f: () => Promise<unknown>) => {
    try {
      await f();
    } catch (err) {
      opts.onError?.(name, err);
    }
  };
  const pass = async () => {
    const now = opts.clock();
    await job("insurer-reports", () => notifyOverdueInsurerReports(opts.db, now));
    await job("circulation-reminders", () => remindUnreadCirculations(opts.db, now));
    await job("improvements-due", () => notifyImprovementsDue(opts.db, now));
    await job("digest", () => runDueDigests(opts.db, now));
    await job("complaint-reviews", () => sweepFlaggedVoices(opts.db));
    // Training takes minutes in a worker thread: started, not awaited, so mail is not held up behind it.
    await job("classifier-retrain", async () => {
      void runWeeklyRetrain(opts.db, now).catch((err: unknown) => opts.onError?.("classifier-retrain", err));
    });
    const mailer = opts.mailer;
    if (mailer)
      await job("mail", () =>
        deliverPendingMails(opts.db, mailer, opts.clock(), {
          baseUrl: opts.baseUrl ?? null,
          onError: (err) => opts.onError?.("mail", err),
        }),
      );
  };
  const runOnce = () => {
    // one pass at a time per process: a slow pass is not overlapped by the next tick
    running ??= pass().finally(() => {
      running = null;
    });
    return running;
  };
  let timer: NodeJS.Timeout | null = null;
  if (autoStart && opts.intervalMs > 0) {
    void runOnce();
    timer = setInterval(() => {
      if (!stopped) void runOnce();
    }, opts.intervalMs);
    timer.unref();
  }
  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
